// Placeholder while the feedback inbox is built (replaced by its page).
export default function Placeholder() {
  return null;
}
