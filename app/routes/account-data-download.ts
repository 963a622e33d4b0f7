// Placeholder: the download is being built.
export async function loader() {
  throw new Response("Not found", { status: 404 });
}
