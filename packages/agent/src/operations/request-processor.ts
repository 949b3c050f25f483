// A request as text in, a response out, and one log line either way: what the HTTP server
// and the one-shot mode share. Requests refused before they are read (no token, too
// large) are answered and logged here too.
import { OneKitError } from '@onekit/core';
import type { RequestLog, RequestLogEntry } from '../log/index.js';
import {
  errorResponse,
  okResponse,
  parseRequestText,
  type AgentRequest,
  type AgentResponse,
} from '../protocol/index.js';
import type { AgentOperations } from './agent-operations.js';

export interface AgentClock {
  /** The time written in log lines. */
  readonly now: () => Date;
  /** Milliseconds from any fixed point, to time requests. */
  readonly monotonic: () => number;
}

export interface RequestProcessorOptions {
  readonly operations: AgentOperations;
  readonly log: RequestLog;
  readonly clock: AgentClock;
}

/** What a log line says a request touched. */
function subject(request: AgentRequest): Pick<RequestLogEntry, 'path' | 'service' | 'action'> {
  switch (request.op) {
    case 'list-files':
      return { path: request.params.root };
    case 'read-file':
    case 'write-file':
    case 'remove-file':
      return { path: request.params.path };
    case 'database-restore':
      return { path: request.params.file };
    case 'service':
      return { service: request.params.name, action: request.params.action };
    default:
      return {};
  }
}

function asOneKitError(err: unknown): OneKitError {
  return err instanceof OneKitError
    ? err
    : new OneKitError('AGENT_REQUEST', `the request failed: ${String(err)}`, {}, { cause: err });
}

export class RequestProcessor {
  constructor(private readonly o: RequestProcessorOptions) {}

  async respond(body: string, peer: string): Promise<AgentResponse> {
    const started = this.o.clock.monotonic();
    let request: AgentRequest | undefined;
    let response: AgentResponse;
    try {
      request = parseRequestText(body);
      response = okResponse(await this.o.operations.perform(request));
    } catch (err) {
      response = errorResponse(asOneKitError(err));
    }
    this.record(started, peer, response, request);
    return response;
  }

  /** Answers a request refused before it was read. */
  refuse(error: OneKitError, peer: string): AgentResponse {
    const response = errorResponse(error);
    this.record(this.o.clock.monotonic(), peer, response);
    return response;
  }

  private record(
    started: number,
    peer: string,
    response: AgentResponse,
    request?: AgentRequest,
  ): void {
    this.o.log.write({
      time: this.o.clock.now(),
      peer,
      ...(request ? { op: request.op, ...subject(request) } : {}),
      outcome: response.ok ? 'ok' : response.error.code,
      durationMs: this.o.clock.monotonic() - started,
    });
  }
}
