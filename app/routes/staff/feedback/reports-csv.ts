// Placeholder while the feedback inbox is built (replaced by its download).
export function loader() {
  return new Response("", { status: 404 });
}
