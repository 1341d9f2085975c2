/** Whether run directories are kept for post-mortems (`TESTKUBE_KEEP=1`). */
export function keepRunDir(): boolean {
  return process.env.TESTKUBE_KEEP === '1';
}
