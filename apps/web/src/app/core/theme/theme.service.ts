import { DOCUMENT } from '@angular/common';
import { inject, Injectable, signal } from '@angular/core';

export const THEMES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEMES)[number];

const STORAGE_KEY = 'yubin.theme';

/** Light, dark or the system's choice; remembered in this browser. */
@Injectable({ providedIn: 'root' })
export class ThemeService {
  private readonly document = inject(DOCUMENT);
  readonly choice = signal<ThemeChoice>('system');

  init(): void {
    let stored: string | null;
    try {
      stored = localStorage.getItem(STORAGE_KEY);
    } catch {
      stored = null;
    }
    this.apply(
      (THEMES as readonly (string | null)[]).includes(stored) ? (stored as ThemeChoice) : 'system',
    );
  }

  use(choice: ThemeChoice): void {
    this.apply(choice);
    try {
      localStorage.setItem(STORAGE_KEY, choice);
    } catch {
      // The choice then lasts for this page only.
    }
  }

  private apply(choice: ThemeChoice): void {
    this.choice.set(choice);
    const root = this.document.documentElement;
    root.classList.toggle('theme-light', choice === 'light');
    root.classList.toggle('theme-dark', choice === 'dark');
  }
}
