#!/usr/bin/env node
import { launch } from '../dist/launch/launch.js';

await launch('onegroup', process);
