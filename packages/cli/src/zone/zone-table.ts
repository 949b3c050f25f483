import type { TableSpec } from '../table/index.js';
import { zoneStat, type ZoneView } from './zone-document.js';

/** A zone as `onezone list` shows it. */
export interface ZoneRow {
  zone: ZoneView;
  /** The client's endpoint is this zone's ENDPOINT. */
  current: boolean;
  /** RAFT/FEDLOG_INDEX at the zone's endpoint, `-` when it did not answer. */
  fedIndex: string;
}

// Widths and alignment as a default installation prints them (the command's columns with
// the shipped onezone.yaml applied over them).
export const zoneTable: TableSpec<ZoneRow> = {
  columns: [
    { name: 'CURRENT', description: 'Active Zone', size: 1, value: (r) => (r.current ? '*' : '') },
    {
      name: 'ID',
      description: 'ONE identifier for the Zone',
      size: 4,
      adjust: true,
      value: (r) => String(r.zone.id),
    },
    {
      name: 'NAME',
      description: 'Name of the Zone',
      size: 15,
      left: true,
      expand: true,
      value: (r) => r.zone.name,
    },
    {
      name: 'ENDPOINT',
      description: 'Endpoint of the Zone',
      size: 45,
      left: true,
      value: (r) => r.zone.endpoint,
    },
    {
      name: 'FED_INDEX',
      description: 'Federation index',
      size: 10,
      left: true,
      value: (r) => r.fedIndex,
    },
    {
      name: 'STAT',
      description: 'Zone status',
      size: 4,
      left: true,
      state: true,
      value: (r) => zoneStat(r.zone.state),
    },
  ],
  defaultColumns: ['CURRENT', 'ID', 'NAME', 'ENDPOINT', 'FED_INDEX', 'STAT'],
};
