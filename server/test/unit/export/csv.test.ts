import { toCsv } from '../../../src/export/csv';

describe('CSV for Excel', () => {
  const table = {
    columns: [
      { key: 'name', header: 'name' },
      { key: 'note', header: 'note' },
      { key: 'count', header: 'count' },
      { key: 'at', header: 'at' },
    ],
    rows: [
      { name: '合同专用章', note: 'a, "b"', count: -1, at: new Date('2026-01-02T03:04:05Z') },
      { name: '@SUM(A1)', note: '-2+3', count: 0, at: null },
      { name: '+cmd', note: '=1', count: 1, at: null },
    ],
  };

  it('starts with a BOM, ends lines with CRLF and quotes as RFC 4180 says', () => {
    const csv = toCsv(table);

    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.subarray(3).toString('utf8')).toBe(
      'name,note,count,at\r\n' +
        '合同专用章,"a, ""b""",-1,2026-01-02T03:04:05.000Z\r\n' +
        "'@SUM(A1),'-2+3,0,\r\n" +
        "'+cmd,'=1,1,\r\n",
    );
  });
});
