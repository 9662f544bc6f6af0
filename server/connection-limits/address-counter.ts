/** Open connections per client address and in total, refusing past either cap. */
export class AddressCounter {
  private readonly byAddress = new Map<string, number>();
  private total = 0;

  constructor(
    private readonly maxPerAddress: number,
    private readonly maxTotal: number,
  ) {}

  /** Counts one more connection from `address`; false (and nothing counted) when over a cap. */
  tryAdd(address: string): boolean {
    const count = this.byAddress.get(address) ?? 0;
    if (count >= this.maxPerAddress || this.total >= this.maxTotal) return false;
    this.byAddress.set(address, count + 1);
    this.total++;
    return true;
  }

  remove(address: string): void {
    const count = this.byAddress.get(address);
    if (count === undefined) return;
    if (count <= 1) this.byAddress.delete(address);
    else this.byAddress.set(address, count - 1);
    this.total--;
  }

  count(address?: string): number {
    return address === undefined ? this.total : (this.byAddress.get(address) ?? 0);
  }
}
