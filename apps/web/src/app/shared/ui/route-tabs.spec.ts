import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { describe, expect, it } from 'vitest';
import { RouteTabs, type RouteTab } from './route-tabs';

@Component({
  template: `<p data-testid="child">{{ name() }}</p>`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Child {
  readonly name = input('');
}

@Component({
  imports: [RouteTabs],
  template: `<yb-route-tabs [tabs]="tabs" label="Sections" />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Shell {
  protected readonly tabs: RouteTab[] = [
    { link: '.', label: 'domains.overview', exact: true },
    { link: 'mailboxes', label: 'domains.mailboxes', testId: 'tab-mailboxes' },
    { link: 'aliases', label: 'domains.aliases', shown: false },
  ];
}

describe(RouteTabs.name, () => {
  async function open(url: string) {
    TestBed.configureTestingModule({
      providers: [
        provideRouter(
          [
            {
              path: 'domains/:domain',
              component: Shell,
              children: [
                { path: '', component: Child, data: { name: 'overview' } },
                { path: 'mailboxes', component: Child, data: { name: 'mailboxes' } },
              ],
            },
          ],
          withComponentInputBinding(),
        ),
      ],
    });
    const harness = await RouterTestingHarness.create(url);
    // routerLinkActive learns of the navigation after the first render.
    await harness.fixture.whenStable();
    harness.detectChanges();
    const element = harness.routeNativeElement as HTMLElement;
    const links = () =>
      [...element.querySelectorAll<HTMLAnchorElement>('nav a')].map((link) => ({
        text: link.textContent.trim(),
        href: link.getAttribute('href'),
        selected: link.getAttribute('aria-selected') === 'true',
        testId: link.dataset['testid'],
      }));
    return { harness, element, links };
  }

  it('links each shown tab relative to the page, selects the one open, and shows its page', async () => {
    const { element, links } = await open('/domains/example.com/mailboxes');
    expect(element.querySelector('nav')?.getAttribute('aria-label')).toBe('Sections');
    expect(links()).toEqual([
      { text: 'Overview', href: '/domains/example.com', selected: false, testId: undefined },
      {
        text: 'Mailboxes',
        href: '/domains/example.com/mailboxes',
        selected: true,
        testId: 'tab-mailboxes',
      },
    ]);
    expect(element.querySelector('[data-testid="child"]')?.textContent).toBe('mailboxes');
  });

  it('selects the exact tab only on its own path', async () => {
    const { links } = await open('/domains/example.com');
    expect(links().map((link) => link.selected)).toEqual([true, false]);
  });
});
