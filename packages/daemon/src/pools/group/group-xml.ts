// The GROUP document: the body oned stores in group_pool and the extended form
// one.group.info answers with (body, quotas, VLAN rules, default group quotas).
import {
  element,
  printXml,
  rawXml,
  readXmlDocument,
  renderXml,
  type XmlNode,
  type XmlObject,
} from '@onekit/core';
import { ParsedBodies } from '../parsed-bodies.js';
import { idsElement } from '../user/user-xml.js';
import { idList, intField, splitTemplate, textField } from '../user/xml-fields.js';
import type { GroupRecord } from './group-record.js';

function groupNodes(group: GroupRecord): XmlNode[] {
  return [
    element('ID', group.id),
    element('NAME', group.name),
    rawXml(printXml(group.template)),
    idsElement('USERS', group.users),
    idsElement('ADMINS', group.admins),
  ];
}

// Every user allocation reads and rewrites its group's member list, which grows with the
// pool: a body written here is remembered with its record, so reading it back costs no parse.
const knownBodies = new ParsedBodies(parseGroupBodyText);

export function groupBody(group: GroupRecord): string {
  const body = renderXml(element('GROUP', groupNodes(group)));
  knownBodies.remember(body, group);
  return body;
}

/** The VLAN_RULES element of a group with no rules (what oned stores for a new group). */
export function emptyVlanRules(id: number): string {
  return `<VLAN_RULES><ID><![CDATA[${id}]]></ID></VLAN_RULES>`;
}

export interface GroupExtras {
  /** The quota elements. */
  readonly quotas: string;
  /** The VLAN_RULES element. */
  readonly vlans: string;
  /** The DEFAULT_GROUP_QUOTAS element. */
  readonly defaults: string;
}

export function groupInfoXml(group: GroupRecord, extras: GroupExtras): string {
  return renderXml(
    element('GROUP', [
      ...groupNodes(group),
      rawXml(extras.quotas),
      rawXml(extras.vlans),
      rawXml(extras.defaults),
    ]),
  );
}

const READ_OPTIONS = {
  root: 'GROUP',
  arrays: ['GROUP/USERS/ID', 'GROUP/ADMINS/ID'],
  numbers: ['GROUP/ID', 'GROUP/USERS/ID', 'GROUP/ADMINS/ID'],
};

export function parseGroupBody(body: string): GroupRecord {
  return knownBodies.read(body);
}

/** Reads a body without looking at the bodies seen before. */
export function parseGroupBodyText(body: string): GroupRecord {
  const { rest, template } = splitTemplate(body, 'GROUP');
  const group = readXmlDocument(rest, READ_OPTIONS).GROUP as XmlObject;
  return {
    id: intField(group, 'ID', 'GROUP'),
    name: textField(group, 'NAME', 'GROUP'),
    template,
    users: idList(group.USERS, 'GROUP/USERS'),
    admins: idList(group.ADMINS, 'GROUP/ADMINS'),
  };
}
