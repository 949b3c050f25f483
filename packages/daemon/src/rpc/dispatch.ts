// One XML-RPC call, from request body to response body, in oned's order:
//   decode (fault -503) → find the method (fault -506) → authenticate → route (forward to
//   the leader or master, or refuse) → refuse a disabled zone's non-allowed methods →
//   check the parameters (fault -501) → run the handler → [true, value, 0] or
//   [false, message, code, resp_id, replication_idx].
// Parameters are checked after routing because oned reads them inside the method, after
// its dispatch checks (so a follower forwards a call without looking at its parameters).
// Nothing a client sends can make this throw; every call ends in one log line with the
// method, uid, result and duration, never the session or any parameter.
import {
  OneKitError,
  decodeMethodCall,
  encodeFault,
  encodeMethodResponse,
  oneErrorCodes,
  oneFailure,
  oneMessages,
  oneSuccess,
  type XmlRpcFault,
  type XmlRpcInput,
  type XmlRpcLimits,
} from '@onekit/core';
import { OneApiError, type Caller, type MethodSpec } from '../api/method.js';
import type { MethodRegistry } from '../api/registry.js';
import type { Authenticator, LocalZone } from '../api/services.js';
import type { Logger } from '../log/index.js';
import { zoneStates } from '../pools/zone/index.js';
import { missingSessionFault, noSuchMethodFault, parseFault } from './faults.js';
import { checkParams, sessionText } from './params.js';
import { CommitRefused } from '../write-path/index.js';
import type { Router } from './router.js';

export interface DispatcherOptions<S> {
  readonly registry: MethodRegistry<S>;
  readonly services: S;
  readonly authenticator: Authenticator;
  readonly router: Router;
  readonly localZone: LocalZone;
  readonly log: Logger;
  /** Epoch milliseconds, for call durations. */
  readonly clock: () => number;
  readonly limits?: XmlRpcLimits;
  /** Request ids for log lines (oned: random 0-9999). */
  readonly requestId: () => number;
}

/** Who sent the call, for the log. */
export interface CallOrigin {
  readonly ip: string;
}

type Outcome =
  | { readonly kind: 'fault'; readonly fault: XmlRpcFault }
  | { readonly kind: 'result'; readonly result: XmlRpcInput; readonly code: number }
  | { readonly kind: 'forwarded'; readonly body: string };

function failure(err: OneApiError): Outcome {
  return {
    kind: 'result',
    result: oneFailure(err.code, err.message, {
      respId: err.respId,
      ...(err.replicationIndex !== undefined && { replicationIndex: err.replicationIndex }),
    }),
    code: err.code,
  };
}

function internal(method: string, message: string): Outcome {
  return failure(new OneApiError(oneErrorCodes.INTERNAL, oneMessages.internal(method, message)));
}

export class Dispatcher<S> {
  constructor(private readonly o: DispatcherOptions<S>) {}

  async dispatch(body: Uint8Array, origin: CallOrigin): Promise<string> {
    const started = this.o.clock();
    const request = this.o.requestId();
    let method = '-';
    let caller: Caller | undefined;
    let outcome: Outcome;
    try {
      const call = decodeMethodCall(body, this.o.limits);
      method = call.methodName;
      outcome = await this.run(call.methodName, call.params, body, (c) => (caller = c));
    } catch (err) {
      outcome = this.unreadable(err);
    }
    const text = this.encode(outcome, method);
    this.logCall({ request, method, caller, origin, outcome, ms: this.o.clock() - started });
    return text;
  }

  private unreadable(err: unknown): Outcome {
    if (err instanceof OneKitError && err.code.startsWith('XMLRPC_')) {
      return { kind: 'fault', fault: parseFault(err.message) };
    }
    this.o.log.error('ReM', `unexpected error reading a call: ${describe(err)}`);
    return { kind: 'fault', fault: { faultCode: -500, faultString: 'Internal error' } };
  }

  private async run(
    name: string,
    params: Parameters<typeof checkParams>[1],
    body: Uint8Array,
    onCaller: (caller: Caller) => void,
  ): Promise<Outcome> {
    const spec = this.o.registry.get(name);
    if (spec === undefined) return { kind: 'fault', fault: noSuchMethodFault(name) };
    if (params.length === 0) return { kind: 'fault', fault: missingSessionFault };

    let caller: Caller;
    try {
      caller = await this.o.authenticator.authenticate(sessionText(params[0]!), name);
    } catch (err) {
      if (!(err instanceof OneApiError))
        this.o.log.error('AuM', `authentication failed: ${describe(err)}`);
      return failure(
        err instanceof OneApiError
          ? err
          : new OneApiError(oneErrorCodes.AUTHENTICATION, oneMessages.authentication(name)),
      );
    }
    onCaller(caller);

    const route = this.o.router.route(spec);
    if (route.kind === 'refuse') return internal(name, route.message);
    if (route.kind === 'forward') {
      try {
        return { kind: 'forwarded', body: await route.send(body) };
      } catch (err) {
        return internal(name, err instanceof Error ? err.message : String(err));
      }
    }
    if (route.ready) {
      try {
        await route.ready();
      } catch (err) {
        return internal(name, err instanceof Error ? err.message : String(err));
      }
    }
    if (!spec.allowedWhenDisabled && this.o.localZone.state === zoneStates.DISABLED) {
      return internal(name, 'Cannot process request, zone disabled');
    }
    const args = params.slice(1);
    const fault = checkParams(spec, args);
    if (fault) return { kind: 'fault', fault };
    return this.execute(spec, caller, args);
  }

  private async execute(
    spec: MethodSpec<S>,
    caller: Caller,
    params: readonly unknown[],
  ): Promise<Outcome> {
    try {
      const value = await spec.handler({
        method: spec.name,
        caller,
        params,
        services: this.o.services,
      });
      return { kind: 'result', result: oneSuccess(value), code: oneErrorCodes.SUCCESS };
    } catch (err) {
      if (err instanceof OneApiError) return failure(err);
      if (err instanceof CommitRefused) return internal(spec.name, err.message);
      this.o.log.error('ReM', `${spec.name} failed: ${describe(err)}`);
      return internal(spec.name, 'Internal error');
    }
  }

  private encode(outcome: Outcome, method: string): string {
    if (outcome.kind === 'forwarded') return outcome.body;
    if (outcome.kind === 'fault') return encodeFault(outcome.fault);
    try {
      return encodeMethodResponse(outcome.result);
    } catch (err) {
      this.o.log.error('ReM', `${method} answer cannot be encoded: ${describe(err)}`);
      return encodeMethodResponse(
        oneFailure(oneErrorCodes.INTERNAL, oneMessages.internal(method, 'Internal error')),
      );
    }
  }

  private logCall(c: {
    request: number;
    method: string;
    caller: Caller | undefined;
    origin: CallOrigin;
    outcome: Outcome;
    ms: number;
  }): void {
    const result =
      c.outcome.kind === 'fault'
        ? `FAULT ${c.outcome.fault.faultCode}`
        : c.outcome.kind === 'forwarded'
          ? 'FORWARDED'
          : c.outcome.code === oneErrorCodes.SUCCESS
            ? 'SUCCESS'
            : `FAILURE ${c.outcome.code}`;
    const uid = c.caller === undefined ? '-' : String(c.caller.uid);
    this.o.log.info(
      'ReM',
      `Req:${c.request} UID:${uid} IP:${c.origin.ip} ${c.method} result ${result} (${c.ms} ms)`,
    );
  }
}

/** An error for the log: its code and message, never a parameter value. */
function describe(err: unknown): string {
  if (err instanceof OneKitError) return `${err.code}: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}
