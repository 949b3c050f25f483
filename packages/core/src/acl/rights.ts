// The operations a request asks for and an ACL rule grants (AuthRequest::Operation).

export const rightBits = {
  USE: 0x1n,
  MANAGE: 0x2n,
  ADMIN: 0x4n,
  CREATE: 0x8n,
} as const;

export type Right = keyof typeof rightBits;

/** In the order oned prints them in a rule's string form. */
export const rightNames: readonly Right[] = ['USE', 'MANAGE', 'ADMIN', 'CREATE'];
