import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import type {
  DnsPublishingResponseDto,
  DnsPublishResponseDto,
  DnsRecordsResponseDto,
} from '@yubin/api-client';
import { Session } from '../../../core/auth/session';
import { toProblem, type UiProblem } from '../../../core/http/problem';
import { ProblemText } from '../../../core/http/problem-text';
import { I18n } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { downloadText } from '../../../shared/data/download';
import { ErrorState, Loading } from '../../../shared/ui/list-states';
import { DkimKeysCard } from '../components/dkim-keys-card';
import { DnsPublishingFormComponent } from '../components/dns-publishing-form';
import { DnsRecordsCard } from '../components/dns-records-card';
import { DnsApi } from '../data/dns-api';

/**
 * /domains/:domain/dns: the records the domain needs with what DNS said, the zone file,
 * publish and verify, the DKIM keys, and where the records are published.
 */
@Component({
  selector: 'yb-domain-dns-page',
  imports: [
    MatButtonModule,
    MatIconModule,
    TranslatePipe,
    Loading,
    ErrorState,
    DnsRecordsCard,
    DkimKeysCard,
    DnsPublishingFormComponent,
  ],
  template: `
    <section class="yb-card" data-testid="dns-records-card">
      <h2>{{ 'dns.records.title' | t }}</h2>
      <p class="yb-hint">{{ 'dns.records.intro' | t }}</p>
      <div class="yb-actions actions">
        @if (canWrite()) {
          <button
            mat-flat-button
            type="button"
            [disabled]="busy() || publishing() === null"
            (click)="publish()"
            data-testid="dns-publish"
          >
            <mat-icon fontIcon="cloud_upload" />
            {{ 'dns.records.publish' | t }}
          </button>
          <button
            mat-stroked-button
            type="button"
            [disabled]="busy()"
            (click)="verify()"
            data-testid="dns-verify"
          >
            <mat-icon fontIcon="fact_check" />
            {{ 'dns.records.verify' | t }}
          </button>
        }
        <button mat-button type="button" (click)="downloadZone()" data-testid="dns-zone-download">
          <mat-icon fontIcon="download" />
          {{ 'dns.records.zoneFile' | t }}
        </button>
      </div>
      @if (canWrite() && publishing() === null) {
        <p class="yb-hint" data-testid="dns-publish-unset">{{ 'dns.records.publishUnset' | t }}</p>
      }
      @if (message(); as text) {
        <p class="yb-hint" role="status" data-testid="dns-message">{{ text }}</p>
      }
      @if (actionError(); as text) {
        <p class="yb-banner-error" role="alert" data-testid="dns-error">{{ text }}</p>
      }
      @if (loadProblem(); as problem) {
        <yb-error-state
          [message]="problems.describe(problem)"
          [retryLabel]="'common.retry' | t"
          (retry)="load()"
        />
      } @else if (records(); as current) {
        <yb-dns-records-card
          [records]="current"
          (copied)="message.set(i18n.t('dns.records.copied'))"
        />
      } @else {
        <yb-loading [label]="'common.loading' | t" />
      }
    </section>
    <section class="yb-card" data-testid="dkim-keys-card">
      <yb-dkim-keys-card [domain]="name()" (changed)="load()" />
    </section>
    <section class="yb-card" data-testid="dns-publishing-card">
      <yb-dns-publishing-form
        [domain]="name()"
        [readonly]="!canWrite()"
        (changed)="publishing.set($event)"
      />
    </section>
  `,
  styles: `
    :host {
      display: grid;
      gap: 20px;
    }
    .actions {
      margin-bottom: 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class DomainDnsPage {
  private readonly api = inject(DnsApi);
  private readonly session = inject(Session);
  protected readonly i18n = inject(I18n);
  protected readonly problems = inject(ProblemText);
  /** The route's `:domain`, from the parent route. */
  readonly domain = input.required<string>();

  protected readonly name = computed(() => this.domain().toLowerCase());
  protected readonly canWrite = computed(() => this.session.can('domains:write'));
  protected readonly records = signal<DnsRecordsResponseDto | null>(null);
  protected readonly loadProblem = signal<UiProblem | null>(null);
  protected readonly publishing = signal<DnsPublishingResponseDto | null>(null);
  protected readonly busy = signal(false);
  protected readonly message = signal<string | null>(null);
  protected readonly actionError = signal<string | null>(null);

  constructor() {
    effect(() => {
      this.name();
      untracked(() => void this.load());
    });
  }

  async load(): Promise<void> {
    this.loadProblem.set(null);
    try {
      this.records.set(await this.api.records(this.name()));
    } catch (error) {
      this.loadProblem.set(toProblem(error));
    }
  }

  protected async verify(): Promise<void> {
    await this.act(async () => {
      const records = await this.api.verify(this.name());
      this.records.set(records);
      const problems = records.records.filter((record) => record.status !== 'ok').length;
      return problems === 0
        ? this.i18n.t('dns.records.verifiedOk')
        : this.i18n.t('dns.records.verifiedProblems', { count: problems });
    });
  }

  protected async publish(): Promise<void> {
    await this.act(async () => {
      const result: DnsPublishResponseDto = await this.api.publish(this.name());
      const published = result.records.filter((record) => record.action === 'published').length;
      const withdrawn = result.records.length - published;
      return this.i18n.t('dns.records.published', {
        published,
        withdrawn,
        server: result.server,
      });
    });
  }

  protected async downloadZone(): Promise<void> {
    await this.act(async () => {
      downloadText(await this.api.zone(this.name()), `${this.name()}.zone`, 'text/dns');
      return null;
    });
  }

  private async act(work: () => Promise<string | null>): Promise<void> {
    this.busy.set(true);
    this.message.set(null);
    this.actionError.set(null);
    try {
      this.message.set(await work());
    } catch (error) {
      this.actionError.set(this.problems.describe(toProblem(error)));
    } finally {
      this.busy.set(false);
    }
  }
}
