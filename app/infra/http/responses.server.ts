/** 404 through one small helper rather than a raw error. */
export function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

export function badRequest(): never {
  throw new Response("Bad request", { status: 400 });
}
