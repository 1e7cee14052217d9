import { expect, it } from 'vitest';
import { describeStores } from '../testing/stores.js';
import { RegistryFileError, importRegistryCsv } from './import.js';
import { TableRegistry } from './registry.js';

const NOW = 1_750_000_000_000;

describeStores('registry import', (store) => {
  it('imports a manifest in registry form, the lifelong number of a permit, and reports every row ok', async () => {
    const s = store();
    const csv = [
      '\uFEFFname,document_type,document_number,issue_count,country',
      '"  Martin,  Jean-Paul ",passport,18av 12345,,fr',
      '陈小文,hk-macau-permit,H1234567801,,HK',
      '台生,taiwan-permit,12345678,03,TW',
      '张小宝,mainland-id,440103201806150022,,',
    ].join('\r\n');
    const report = await importRegistryCsv(s, csv, { now: NOW });
    expect(report).toMatchObject({ valid: 4, invalid: 0, imported: 4 });
    expect(report.rows.map((r) => r.line)).toEqual([2, 3, 4, 5]);
    expect(await s.registry.count()).toBe(4);
    const registry = new TableRegistry(s);
    expect(await registry.lookup('passport', '18AV12345')).toEqual([{ name: 'MARTIN JEAN PAUL', documentType: 'passport', documentNumber: '18AV12345' }]);
    expect(await registry.lookup('hk-macau-permit', 'H12345678')).toEqual([{ name: '陈小文', documentType: 'hk-macau-permit', documentNumber: 'H12345678' }]);
    expect(await registry.lookup('passport', 'H12345678')).toEqual([]);
    // Importing again replaces a name (a corrected manifest) and adds nothing twice.
    await importRegistryCsv(s, 'name,document_type,document_number\nMARTIN JEAN-PAUL PIERRE,passport,18AV12345', { now: NOW + 1 });
    expect(await s.registry.count()).toBe(4);
    expect((await registry.lookup('passport', '18AV12345'))[0]!.name).toBe('MARTIN JEAN PAUL PIERRE');
  });

  it('names every bad row with its line and problems, and then imports nothing', async () => {
    const s = store();
    const csv = [
      'name,document_type,document_number,country',
      'GOOD NAME,passport,E1234567,GB',
      '',
      'Bad1 Name,passport,E7654321,GB',
      '张三,mainland-id,440103201806150023,CN',
      'NO TYPE,visa,X1234567,GB',
      'WRONG COUNTRY,passport,E2222222,XX',
      'GOOD NAME,passport,e123 4567,GB',
      'SHORT,passport',
    ].join('\n');
    const report = await importRegistryCsv(s, csv, { now: NOW });
    expect(report.imported).toBe(0);
    expect(report.invalid).toBe(6);
    expect(report.rows).toEqual([
      { line: 2, ok: true, problems: [] },
      { line: 4, ok: false, problems: ['name: name-digits'] },
      { line: 5, ok: false, problems: ['document_number: id-check-digit'] },
      { line: 6, ok: false, problems: ['document_type: one of mainland-id, hk-macau-permit, taiwan-permit, passport'] },
      { line: 7, ok: false, problems: ['country: not an ISO 3166-1 alpha-2 code'] },
      { line: 8, ok: false, problems: ['document_number: the same document as line 2'] },
      { line: 9, ok: false, problems: ['row: 2 cells, the header has 4', 'document_number: number-missing'] },
    ]);
    expect(await s.registry.count()).toBe(0);
  });

  it('checks without writing on a dry run, and refuses files that are not a manifest', async () => {
    const s = store();
    const dry = await importRegistryCsv(s, 'name,document_type,document_number\nA B,passport,E1234567', { now: NOW, dryRun: true });
    expect(dry).toMatchObject({ valid: 1, invalid: 0, imported: 0 });
    expect(await s.registry.count()).toBe(0);
    await expect(importRegistryCsv(s, '', { now: NOW })).rejects.toThrow(RegistryFileError);
    await expect(importRegistryCsv(s, 'name,number\nA,1', { now: NOW })).rejects.toThrow(/lacks document_type, document_number/);
    await expect(importRegistryCsv(s, 'name,document_type,document_number,birthday\n', { now: NOW })).rejects.toThrow(/Unknown column birthday/);
    await expect(importRegistryCsv(s, 'name,document_type,document_number\n"A,passport,E1234567', { now: NOW })).rejects.toThrow(/not readable as CSV/);
  });
});
