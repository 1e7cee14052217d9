// How large a frame the scanner decodes: larger frames cost decode time without helping a code
// that fills a fair part of the view. Shared by the page's frame grabber and the decoder worker.

export const MAX_DECODE_WIDTH = 640;
