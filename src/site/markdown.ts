import { Marked, type Tokens } from 'marked';

// Links and images may point at the web, at mail, or within the site.
// Anything else, such as `javascript:` or `data:`, is dropped.
const SAFE_URL = /^(https?:|mailto:|\/|#|\.{0,2}\/|[^:]*$)/i;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for use in HTML content or attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}

const markdown = new Marked({
  gfm: true,
  breaks: false,
  renderer: {
    // Raw HTML is shown as text. Content comes from pull requests, and an
    // automated incident may quote a remote server's response.
    html(token: Tokens.HTML | Tokens.Tag) {
      return escapeHtml(token.text);
    },
    link(token: Tokens.Link) {
      const text = this.parser.parseInline(token.tokens);
      if (!SAFE_URL.test(token.href.trim())) return text;
      const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
      return `<a href="${escapeHtml(token.href)}"${title}>${text}</a>`;
    },
    image(token: Tokens.Image) {
      if (!SAFE_URL.test(token.href.trim())) return escapeHtml(token.text);
      return `<img src="${escapeHtml(token.href)}" alt="${escapeHtml(token.text)}" loading="lazy">`;
    },
  },
});

/** Renders trusted-format, untrusted-content markdown to HTML. */
export function renderMarkdown(source: string): string {
  return markdown.parse(source, { async: false });
}

/** Renders one line of markdown without a wrapping paragraph. */
export function renderInlineMarkdown(source: string): string {
  return markdown.parseInline(source, { async: false });
}
