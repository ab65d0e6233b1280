/** How long a saved file's object URL lives: long enough for any browser to start the download. */
const REVOKE_AFTER_MS = 30_000;

/**
 * Saves a blob as a file through an object URL and a link with `download`, clicked inside
 * `container` (an element's shadow root keeps the link out of the host's document).
 */
export function saveBlob(blob: Blob, fileName: string, container: Node & ParentNode): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  container.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
