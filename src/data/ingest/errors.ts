/** A problem in the release text, always tied to the line a maintainer should look at. */
export class IngestError extends Error {
  constructor(
    readonly line: number,
    readonly problem: string
  ) {
    super(`line ${line}: ${problem}`);
    this.name = "IngestError";
  }
}
