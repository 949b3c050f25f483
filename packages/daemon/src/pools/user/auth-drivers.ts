// How each authentication driver behaves, as oned.conf's AUTH_MAD_CONF sets it by default.
// A driver that is not listed there cannot change passwords, requires one, and has no
// limit on token lifetime.

export const CORE_DRIVER = 'core';
export const PUBLIC_DRIVER = 'public';
export const SERVER_CIPHER_DRIVER = 'server_cipher';

export interface AuthDriverPolicy {
  /** Users may change their own password (oneadmin's group always may). */
  readonly passwordChange: boolean;
  /** A password must be given when a user is created. */
  readonly passwordRequired: boolean;
  /** Longest login token lifetime in seconds; -1 unlimited, 0 tokens disabled. */
  readonly maxTokenTime: number;
  /** The driver sets the user's groups: chgrp may only pick one of them. */
  readonly driverManagedGroups: boolean;
}

const configured: Readonly<Record<string, AuthDriverPolicy>> = {
  core: {
    passwordChange: true,
    passwordRequired: true,
    maxTokenTime: -1,
    driverManagedGroups: false,
  },
  public: {
    passwordChange: false,
    passwordRequired: true,
    maxTokenTime: -1,
    driverManagedGroups: false,
  },
  ssh: {
    passwordChange: true,
    passwordRequired: true,
    maxTokenTime: -1,
    driverManagedGroups: false,
  },
  x509: {
    passwordChange: false,
    passwordRequired: true,
    maxTokenTime: -1,
    driverManagedGroups: false,
  },
  ldap: {
    passwordChange: true,
    passwordRequired: false,
    maxTokenTime: 86400,
    driverManagedGroups: true,
  },
  saml: {
    passwordChange: true,
    passwordRequired: false,
    maxTokenTime: 86400,
    driverManagedGroups: true,
  },
};

const unconfigured: AuthDriverPolicy = {
  passwordChange: false,
  passwordRequired: true,
  maxTokenTime: -1,
  driverManagedGroups: false,
};

export function authDriverPolicy(driver: string): AuthDriverPolicy {
  return Object.hasOwn(configured, driver) ? configured[driver]! : unconfigured;
}

/** Drivers whose users act for others with server tokens (oned matches `server*`). */
export function isServerDriver(driver: string): boolean {
  return driver.startsWith('server');
}

/** The longest password (in bytes) oned accepts for a driver, when it limits it. */
export const maxPasswordBytes: Readonly<Record<string, number>> = {
  ssh: 16 * 1024,
  x509: 64 * 1024,
  ldap: 256,
  saml: 12 * 1024,
  server_cipher: 4096,
  server_x509: 64 * 1024,
  core: 256,
  sunstone: 256,
};
