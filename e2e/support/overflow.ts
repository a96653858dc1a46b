import type { Page } from 'playwright-core';

/**
 * What makes a page scroll sideways on a phone: the document wider than the window, a box that scrolls
 * sideways inside the page (a wide table in its own scroller is still horizontal scrolling), or a visible
 * element reaching past the window's right edge. Each named by tag, test id and classes, so a failure
 * says where to look. Parts clipped away by an ancestor (a closed drawer, a tab strip) do not count.
 */
export function horizontalOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    const problems: string[] = [];
    const name = (el: Element) => {
      const id = el.getAttribute('data-testid');
      const classes = [...el.classList].slice(0, 3).join('.');
      const text = (el.textContent ?? '').trim().slice(0, 30);
      return `<${el.tagName.toLowerCase()}${id ? ` data-testid=${id}` : ''}${classes ? ` .${classes}` : ''}> "${text}"`;
    };
    if (root.scrollWidth > width) problems.push(`the document is ${root.scrollWidth}px wide in ${width}px`);
    const clips = (style: CSSStyleDeclaration) => style.overflowX !== 'visible';
    for (const el of document.body.querySelectorAll('*')) {
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      if (
        (style.overflowX === 'auto' || style.overflowX === 'scroll') &&
        el.scrollWidth > el.clientWidth + 1 &&
        el.clientWidth > 0
      ) {
        problems.push(`${name(el)} scrolls sideways (${el.scrollWidth}px in ${el.clientWidth}px)`);
      }
      // The part of the element no clipping ancestor hides.
      let right = rect.right;
      let left = rect.left;
      for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
        const upStyle = getComputedStyle(up);
        if (clips(upStyle)) {
          const box = up.getBoundingClientRect();
          right = Math.min(right, box.right);
          left = Math.max(left, box.left);
        }
        if (upStyle.position === 'fixed') break;
      }
      if (right > left && right > width + 1) problems.push(`${name(el)} reaches ${Math.round(right)}px`);
    }
    // One line per culprit: an overflowing box's children overflow with it.
    return problems.slice(0, 12);
  });
}
