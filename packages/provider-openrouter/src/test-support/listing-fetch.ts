// A fetch for Pact consumer tests: a Pact interaction covers one endpoint, but loadModel() reads the
// model listing first, so the listing is answered here and everything else goes to the mock server.
export function fetchWithListing(models: readonly Record<string, unknown>[]): typeof fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (new URL(url).pathname.endsWith('/models')) {
      return new Response(JSON.stringify({ data: models }), { headers: { 'content-type': 'application/json' } });
    }
    return fetch(input, init);
  };
}
