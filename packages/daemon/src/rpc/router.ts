// Where an authenticated call runs (reference §2.1). A solo server runs everything
// itself. In an HA zone a follower forwards leader-only calls to the leader and returns its
// answer verbatim, a candidate or a reconciling leader refuses them; in a federation a
// slave forwards federated writes to the master. Those roles plug in here.

/** What the router needs to know about the method. */
export interface RoutedMethod {
  readonly name: string;
  readonly leaderOnly?: boolean;
  readonly federated?: boolean;
}

export type RouteDecision =
  /** Runs here, once `ready` (when given) resolves: a leader confirming it still leads. */
  | { readonly kind: 'local'; readonly ready?: () => Promise<void> }
  /** An INTERNAL failure with this text (after the `[method] ` prefix). */
  | { readonly kind: 'refuse'; readonly message: string }
  /** Sends the unchanged request body elsewhere; resolves to the response body to return. */
  | { readonly kind: 'forward'; send(body: Uint8Array): Promise<string> };

export interface Router {
  route(method: RoutedMethod): RouteDecision;
}

export const soloRouter: Router = {
  route: () => ({ kind: 'local' }),
};
