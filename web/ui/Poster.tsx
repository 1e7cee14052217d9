// A code as a poster to print and put up: a way back, the print button, the title, the name, a
// large QR, the code as text, what to do with it and the area. The print stylesheet hides the rest.
// The area page gives the texts in its language and the data; undefined while it loads, null when
// there is nothing to print yet.

import type { ComponentChildren } from 'preact';
import { Qr } from './Qr.js';

export interface PosterTexts {
  loading: string;
  title: string;
  /** Said when there is no poster yet (nothing registered). */
  none: string;
  back: string;
  print: string;
  /** What to do with the code. */
  scan: string;
}

export interface PosterData {
  name: string;
  /** What the QR holds (the code, or a link with it). */
  qrText: string;
  qrLabel: string;
  code: string;
  /** The line under the hint (the area, and whatever the page adds to it); none when empty. */
  area?: ComponentChildren;
}

export interface PosterProps {
  testId: string;
  /** The page the back link opens. */
  backHref: string;
  texts: PosterTexts;
  data: PosterData | null | undefined;
}

export function Poster({ testId, backHref, texts, data }: PosterProps) {
  if (data === undefined) return <p class="page-loading">{texts.loading}</p>;
  if (data === null) {
    return (
      <section class="card stack">
        <h1>{texts.title}</h1>
        <p>{texts.none}</p>
      </section>
    );
  }
  return (
    <article class="poster" data-testid={testId}>
      <div class="poster-actions no-print row">
        <a class="btn" href={backHref}>
          {texts.back}
        </a>
        <button type="button" class="btn btn-primary" onClick={() => window.print()}>
          {texts.print}
        </button>
      </div>
      <h1 class="poster-title">{texts.title}</h1>
      <p class="poster-venue">{data.name}</p>
      <div class="poster-qr">
        <Qr text={data.qrText} label={data.qrLabel} />
      </div>
      <p class="code-text poster-code">{data.code}</p>
      <p class="poster-hint">{texts.scan}</p>
      {data.area && <p class="muted">{data.area}</p>}
    </article>
  );
}
