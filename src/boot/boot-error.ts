/** A boot failure whose message is already the sentence to show the operator. */
export class BootError extends Error {
  override readonly name = 'BootError';
}
