// Cascading selects for an area down to township or street: province → city → county or district →
// township or street. A province's divisions are fetched when it is picked (they are not precached,
// see build/divisions.ts); labels come from the caller in its language.

import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { divisionsIndexUrl } from 'virtual:divisions';
import { areaColumns, choiceOf, choose, codePath, divisionsSource, settle, type AreaChoice, type AreaLevel, type Division, type DivisionsSource, type ProvinceEntry } from './divisions.js';

export interface AreaPickerLabels extends Record<AreaLevel, string> {
  /** The empty option of each select, e.g. 请选择 / Choose. */
  choose: string;
  loading: string;
  failed: string;
  retry: string;
}

export interface AreaPickerProps {
  labels: AreaPickerLabels;
  /** A stored division code (any level) to start from, e.g. a venue's 440103001. */
  value?: string;
  /** Called when the chosen code changes; undefined while nothing (or nothing loaded yet) is chosen. */
  onChange: (choice: AreaChoice | undefined) => void;
  /** Where the divisions come from; the build's files by default. */
  source?: DivisionsSource;
  disabled?: boolean;
  testId?: string;
}

let builtSource: DivisionsSource | undefined;

type Loading = { of: 'index' | 'province'; failed: boolean } | null;

export function AreaPicker({ labels, value, onChange, source, disabled, testId = 'area-picker' }: AreaPickerProps) {
  const divisions = source ?? (builtSource ??= divisionsSource(divisionsIndexUrl));
  const provinces = useSignal<ProvinceEntry[] | undefined>(undefined);
  const tree = useSignal<Division | undefined>(undefined);
  const chosen = useSignal<string[]>(codePath(value));
  const loading = useSignal<Loading>(null);
  const attempt = useSignal(0);
  // The code the caller last knew: a change is reported only when the choice moves away from it.
  const reported = useRef<string | undefined>(value);
  // Loads finish after later renders: they report through the caller's latest onChange.
  const notify = useRef(onChange);
  notify.current = onChange;

  /** Settles a new choice; reports it when it changed, but not while its province is still loading (unless the person picked). */
  const apply = (next: string[], picked: boolean): void => {
    const settled = settle(provinces.value, tree.value, next);
    chosen.value = settled;
    const known = settled.length === 0 || tree.value?.code === settled[0];
    if (!known && !picked) return;
    const choice = choiceOf(provinces.value, tree.value, settled);
    if (choice?.code !== reported.current) {
      reported.current = choice?.code;
      notify.current(choice);
    }
  };

  // A new value from the caller (a form reset, a venue loaded later) replaces the choice.
  useEffect(() => {
    if (value === reported.current) return;
    reported.current = value;
    chosen.value = settle(provinces.value, tree.value, codePath(value));
  }, [value]);

  useEffect(() => {
    if (provinces.value) return;
    let current = true;
    loading.value = { of: 'index', failed: false };
    divisions.index().then(
      (index) => {
        if (!current) return;
        loading.value = null;
        provinces.value = index.provinces;
        apply(chosen.value, false);
      },
      () => current && (loading.value = { of: 'index', failed: true }),
    );
    return () => void (current = false);
  }, [divisions, attempt.value]);

  const province = chosen.value[0];
  useEffect(() => {
    if (!provinces.value || !province || tree.value?.code === province) {
      // Nothing to load (the province was cleared, or its tree is here): no stale "loading" or failure.
      if (loading.value?.of === 'province') loading.value = null;
      return;
    }
    let current = true;
    loading.value = { of: 'province', failed: false };
    divisions.province(province).then(
      (loaded) => {
        if (!current) return;
        loading.value = null;
        tree.value = loaded;
        apply(chosen.value, false);
      },
      () => current && (loading.value = { of: 'province', failed: true }),
    );
    return () => void (current = false);
  }, [divisions, province, provinces.value, attempt.value]);

  const columns = areaColumns(provinces.value, tree.value, chosen.value);
  return (
    <div class="area-picker" data-testid={testId} style={{ display: 'grid', gap: '12px', minWidth: 0 }}>
      {columns.length === 0 && (
        <label class="field">
          <span>{labels.province}</span>
          <select disabled>
            <option value="">{labels.choose}</option>
          </select>
        </label>
      )}
      {columns.map((column, level) => (
        <label class="field" key={column.level} style={{ minWidth: 0 }}>
          <span>{labels[column.level]}</span>
          <select
            data-testid={`${testId}-${column.level}`}
            value={column.selected}
            disabled={disabled}
            style={{ maxWidth: '100%', textOverflow: 'ellipsis' }}
            onChange={(e) => apply(choose(chosen.value, level, e.currentTarget.value), true)}
          >
            <option value="">{labels.choose}</option>
            {column.options.map((o) => (
              <option key={o.code} value={o.code}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
      ))}
      {loading.value && !loading.value.failed && (
        <p class="muted" role="status" data-testid={`${testId}-loading`}>
          {labels.loading}
        </p>
      )}
      {loading.value?.failed && (
        <div class="banner banner-warn" role="alert" data-testid={`${testId}-failed`}>
          <span>{labels.failed}</span>
          <button type="button" class="btn btn-small" onClick={() => attempt.value++}>
            {labels.retry}
          </button>
        </div>
      )}
    </div>
  );
}
