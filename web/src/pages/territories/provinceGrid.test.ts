import { describe, expect, it } from 'vitest';
import { REGION_TREE } from '../../../../src/modules/regions/index.js';
import { GRID_COLUMNS, GRID_ROWS, PROVINCE_TILES, provinceOf } from './provinceGrid.js';

describe('the province tile grid', () => {
  it('places every province of the region list exactly once', () => {
    const codes = PROVINCE_TILES.map((p) => p.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual(REGION_TREE.map((p) => p.code).sort());
    expect(codes).toHaveLength(34);
  });

  it('puts no two provinces in one cell, and every one inside the grid', () => {
    const cells = PROVINCE_TILES.map((p) => `${p.col},${p.row}`);
    expect(new Set(cells).size).toBe(cells.length);
    for (const p of PROVINCE_TILES) {
      expect(p.col, p.code).toBeGreaterThanOrEqual(0);
      expect(p.col, p.code).toBeLessThan(GRID_COLUMNS);
      expect(p.row, p.code).toBeGreaterThanOrEqual(0);
      expect(p.row, p.code).toBeLessThan(GRID_ROWS);
    }
  });

  it('names each province as the standard does, less its administrative suffix', () => {
    for (const region of REGION_TREE) {
      const tile = PROVINCE_TILES.find((p) => p.code === region.code)!;
      expect(region.name.startsWith(tile.zh), `${region.name} / ${tile.zh}`).toBe(true);
      expect(new Set(PROVINCE_TILES.map((p) => p.abbr)).size).toBe(34);
    }
  });

  it('finds the province of a city or district code, nothing for a country', () => {
    expect(provinceOf('440305')?.code).toBe('440000');
    expect(provinceOf('110105')?.code).toBe('110000');
    expect(provinceOf('SG')).toBeUndefined();
    expect(provinceOf('990000')).toBeUndefined();
  });
});
