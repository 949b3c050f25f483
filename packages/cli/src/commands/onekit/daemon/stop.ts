import Stop from '../stop.js';

export default class DaemonStop extends Stop {
  static override summary = 'Stop the daemon of a root (same as "onekit stop").';
}
