// Content-Disposition for downloads (RFC 6266): the real, possibly Chinese, file name as filename*
// (RFC 8187 UTF-8 percent-encoding) and a plain-ASCII filename for clients that ignore filename*.

export function contentDisposition(filename: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const name = baseName(filename);
  const fallback = asciiFallback(name);
  if (fallback === name) return `${disposition}; filename="${name}"`;
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encodeExtValue(name)}`;
}

/** Only a name, never a path; control characters would break the header, lone surrogates the encoding. */
function baseName(filename: string): string {
  const last = filename.split(/[/\\]/).pop() ?? '';
  const clean = last
    // eslint-disable-next-line no-control-regex -- control characters are what this removes
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .trim();
  return clean === '' || clean === '.' || clean === '..' ? 'download' : clean;
}

/**
 * Each run of characters a quoted-string cannot safely hold (non-ASCII; the quote and backslash it
 * would need escaped; % which some browsers decode) becomes one underscore: 示范商场-2024.csv → _-2024.csv.
 */
function asciiFallback(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]+|["\\%]+/g, '_');
  // A name that was all Chinese keeps its extension: _.csv reads worse than download.csv.
  return /^_?(\.[A-Za-z0-9]+)?$/.test(ascii) ? `download${/\.[A-Za-z0-9]+$/.exec(ascii)?.[0] ?? ''}` : ascii;
}

/** RFC 8187 attr-chars stay, everything else is %XX of its UTF-8 bytes (encodeURIComponent leaves ' ( ) * too). */
function encodeExtValue(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
