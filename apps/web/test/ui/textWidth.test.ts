import { describe, expect, it, vi } from 'vitest';
import { captionChars } from '../../src/overview/map/layout.ts';
import { headerWidth } from '../../src/service/topology/zoneHeaders.ts';

// Another guess of a character's width, to see who follows it.
vi.mock('../../src/ui/textWidth.ts', () => ({ CHAR_WIDTH: 10 }));

describe("the guess of a character's width", () => {
  it('is the one the node map’s zone captions and the topology’s zone headers are fitted by', () => {
    expect(captionChars(200)).toBe(20);
    expect(headerWidth(['x'.repeat(20), 'short'])).toBe(12 + 200);
  });
});
