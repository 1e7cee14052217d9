// What the inspector can do with the scan on screen, every button labelled in words. A genuine,
// readable code is saved as a check (or dropped, for the next person); anything else is scanned
// again, or explicitly logged as a refused entry, which is not a check.

import { t } from './strings.js';

export function ScanActions({ checkable, saving, onSave, onDiscard, onRefuse }: { checkable: boolean; saving: boolean; onSave: () => void; onDiscard: () => void; onRefuse: () => void }) {
  return checkable ? (
    <div class="scan-actions">
      <button type="button" class="btn btn-big btn-quiet" data-testid="discard-scan" onClick={onDiscard}>
        {t('gate.next')}
      </button>
      <button type="button" class="btn btn-big btn-save" data-testid="save-record" disabled={saving} onClick={onSave}>
        {saving ? t('gate.saving') : t('gate.save')}
      </button>
    </div>
  ) : (
    <div class="scan-actions">
      <button type="button" class="btn btn-big btn-quiet" data-testid="log-refused" disabled={saving} onClick={onRefuse}>
        {t('gate.logRefused')}
      </button>
      <button type="button" class="btn btn-big btn-save" data-testid="scan-again" onClick={onDiscard}>
        {t('gate.scanAgain')}
      </button>
    </div>
  );
}
