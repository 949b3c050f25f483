// The USER document: the body oned stores in user_pool and the extended form one.user.info
// answers with (the body plus the user's quotas and the default user quotas).
import {
  cdataElement,
  element,
  printXml,
  rawXml,
  readXmlDocument,
  renderXml,
  type XmlNode,
  type XmlObject,
} from '@onekit/core';
import type { LoginToken, UserRecord } from './user-record.js';
import { bodyError, idList, intField, splitTemplate, textField } from './xml-fields.js';

/** `<NAME><ID>1</ID>...</NAME>`, or `<NAME></NAME>` when empty, as oned writes id sets. */
/**
 * A list of ids (<USERS><ID>1</ID>...</USERS>). Written directly: integers need no
 * escaping, and a group's member list is rewritten on every membership change.
 */
export function idsElement(name: string, ids: readonly number[]): XmlNode {
  let xml = '';
  for (const id of ids) {
    if (!Number.isSafeInteger(id)) throw new TypeError(`${name} holds ${id}, not an id`);
    xml += `<ID>${id}</ID>`;
  }
  return element(name, rawXml(xml));
}

function tokenElement(token: LoginToken): XmlNode {
  return element('LOGIN_TOKEN', [
    element('TOKEN', token.token),
    element('EXPIRATION_TIME', token.expires),
    element('EGID', token.egid),
  ]);
}

function userNodes(user: UserRecord): XmlNode[] {
  return [
    element('ID', user.id),
    element('GID', user.gid),
    idsElement('GROUPS', user.groups),
    element('GNAME', user.gname),
    element('NAME', user.name),
    cdataElement('PASSWORD', user.password),
    cdataElement('AUTH_DRIVER', user.authDriver),
    element('ENABLED', user.enabled ? 1 : 0),
    ...user.loginTokens.map(tokenElement),
    rawXml(printXml(user.template)),
  ];
}

/** The body stored in user_pool. */
export function userBody(user: UserRecord): string {
  return renderXml(element('USER', userNodes(user)));
}

/** The USER document of one.user.info: body, the user's quotas, the default quotas. */
export function userInfoXml(
  user: UserRecord,
  quotas: { readonly own: string; readonly defaults: string },
): string {
  return renderXml(
    element('USER', [...userNodes(user), rawXml(quotas.own), rawXml(quotas.defaults)]),
  );
}

const READ_OPTIONS = {
  root: 'USER',
  arrays: ['USER/GROUPS/ID', 'USER/LOGIN_TOKEN'],
  numbers: [
    'USER/ID',
    'USER/GID',
    'USER/GROUPS/ID',
    'USER/ENABLED',
    'LOGIN_TOKEN/EXPIRATION_TIME',
    'LOGIN_TOKEN/EGID',
  ],
};

export function parseUserBody(body: string): UserRecord {
  const { rest, template } = splitTemplate(body, 'USER');
  const user = readXmlDocument(rest, READ_OPTIONS).USER as XmlObject;
  const tokens = (user.LOGIN_TOKEN ?? []) as XmlObject[];
  return {
    id: intField(user, 'ID', 'USER'),
    gid: intField(user, 'GID', 'USER'),
    groups: idList(user.GROUPS, 'USER/GROUPS'),
    gname: textField(user, 'GNAME', 'USER'),
    name: textField(user, 'NAME', 'USER'),
    password: textField(user, 'PASSWORD', 'USER'),
    authDriver: user.AUTH_DRIVER === undefined ? 'core' : textField(user, 'AUTH_DRIVER', 'USER'),
    enabled: user.ENABLED !== undefined && intField(user, 'ENABLED', 'USER') !== 0,
    loginTokens: tokens.map((t) => {
      if (typeof t !== 'object')
        throw bodyError('LOGIN_TOKEN is not an element', 'USER/LOGIN_TOKEN');
      return {
        token: textField(t, 'TOKEN', 'USER/LOGIN_TOKEN'),
        expires: intField(t, 'EXPIRATION_TIME', 'USER/LOGIN_TOKEN'),
        egid: intField(t, 'EGID', 'USER/LOGIN_TOKEN'),
      };
    }),
    template,
  };
}
