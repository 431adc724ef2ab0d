import {
  ChangeDetectionStrategy,
  Component,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { DnsPublishingDto, DnsPublishingResponseDto } from '@yubin/api-client';
import { TSIG_ALGORITHMS, type TsigAlgorithm } from '#contracts';
import { ProblemText } from '../../../core/http/problem-text';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FieldErrorPipe } from '../../../shared/forms/field-error.pipe';
import { VersionedForm } from '../../../shared/forms/versioned-form';
import { FormActions } from '../../../shared/ui/form-actions';
import { ErrorState, Loading } from '../../../shared/ui/list-states';
import { StaleBanner } from '../../../shared/ui/stale-banner';
import { DnsApi } from '../data/dns-api';
import { DNS_PUBLISHING_ERRORS } from '../data/form-errors';

export function dnsPublishingForm() {
  return new FormGroup({
    server: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(262)],
    }),
    zone: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    tsigKeyName: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    tsigAlgorithm: new FormControl<TsigAlgorithm>('hmac-sha256', { nonNullable: true }),
    tsigSecret: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(512)] }),
  });
}

export type DnsPublishingForm = ReturnType<typeof dnsPublishingForm>;

/** The request: an empty secret keeps the stored one. */
export function dnsPublishingRequest(form: DnsPublishingForm): DnsPublishingDto {
  const value = form.getRawValue();
  const secret = value.tsigSecret.trim();
  return {
    server: value.server.trim(),
    zone: value.zone.trim(),
    tsigKeyName: value.tsigKeyName.trim(),
    tsigAlgorithm: value.tsigAlgorithm,
    ...(secret === '' ? {} : { tsigSecret: secret }),
  };
}

/**
 * Where the domain's records are published (RFC 2136): the server, the zone and the TSIG
 * key. The secret is write-only: the field stays empty and, left empty, keeps the stored one.
 */
@Component({
  selector: 'yb-dns-publishing-form',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatButtonModule,
    TranslatePipe,
    FieldErrorPipe,
    FormActions,
    Loading,
    ErrorState,
    StaleBanner,
  ],
  template: `
    <h2>{{ 'dns.publishing.title' | t }}</h2>
    <p class="yb-hint">{{ 'dns.publishing.intro' | t }}</p>
    @if (state.loadProblem(); as problem) {
      <yb-error-state
        [message]="problems.describe(problem)"
        [retryLabel]="'common.retry' | t"
        (retry)="load()"
      />
    } @else if (loaded()) {
      @if (state.stale()) {
        <yb-stale-banner (reload)="load()" />
      }
      <form [formGroup]="form" (ngSubmit)="save()" novalidate data-testid="dns-publishing-form">
        <div class="yb-form-row">
          <mat-form-field>
            <mat-label>{{ 'dns.publishing.server' | t }}</mat-label>
            <input matInput formControlName="server" data-testid="dns-server" spellcheck="false" />
            <mat-hint>{{ 'dns.publishing.serverHint' | t }}</mat-hint>
            <mat-error>{{ form.controls.server.errors | fieldError }}</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'dns.publishing.zone' | t }}</mat-label>
            <input matInput formControlName="zone" data-testid="dns-zone" spellcheck="false" />
            <mat-hint>{{ 'dns.publishing.zoneHint' | t: { domain: domain() } }}</mat-hint>
            <mat-error>{{ form.controls.zone.errors | fieldError }}</mat-error>
          </mat-form-field>
        </div>
        <div class="yb-form-row">
          <mat-form-field>
            <mat-label>{{ 'dns.publishing.keyName' | t }}</mat-label>
            <input
              matInput
              formControlName="tsigKeyName"
              data-testid="dns-key-name"
              spellcheck="false"
            />
            <mat-error>{{ form.controls.tsigKeyName.errors | fieldError }}</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'dns.publishing.algorithm' | t }}</mat-label>
            <mat-select formControlName="tsigAlgorithm" data-testid="dns-algorithm">
              @for (algorithm of algorithms; track algorithm) {
                <mat-option [value]="algorithm">{{ algorithm }}</mat-option>
              }
            </mat-select>
            <mat-error>{{ form.controls.tsigAlgorithm.errors | fieldError }}</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'dns.publishing.secret' | t }}</mat-label>
            <input
              matInput
              type="password"
              autocomplete="off"
              formControlName="tsigSecret"
              data-testid="dns-secret"
              spellcheck="false"
            />
            <mat-hint>{{
              (hasSecret() ? 'dns.publishing.secretKept' : 'dns.publishing.secretHint') | t
            }}</mat-hint>
            <mat-error>{{ form.controls.tsigSecret.errors | fieldError }}</mat-error>
          </mat-form-field>
        </div>
        <yb-form-actions
          [error]="state.error()"
          [busy]="state.busy()"
          [saved]="state.saved()"
          [savedLabel]="'dns.publishing.saved' | t"
          [readonly]="readonly()"
          saveTestId="dns-publishing-save"
        >
          @if (hasSecret()) {
            <button
              mat-button
              type="button"
              [disabled]="state.busy()"
              (click)="remove()"
              data-testid="dns-publishing-remove"
            >
              {{ 'dns.publishing.remove' | t }}
            </button>
          }
        </yb-form-actions>
      </form>
    } @else {
      <yb-loading [label]="'common.loading' | t" />
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DnsPublishingFormComponent {
  private readonly api = inject(DnsApi);
  protected readonly problems = inject(ProblemText);

  readonly domain = input.required<string>();
  readonly readonly = input(false);
  /** The settings as stored now (null: none), for the page's publish button. */
  readonly changed = output<DnsPublishingResponseDto | null>();

  protected readonly algorithms = TSIG_ALGORITHMS;
  protected readonly form = dnsPublishingForm();
  protected readonly loaded = signal(false);
  protected readonly hasSecret = signal(false);
  protected readonly state = new VersionedForm<DnsPublishingResponseDto | null>(
    this.form,
    this.problems,
    { errors: DNS_PUBLISHING_ERRORS },
    (value) => {
      this.show(value);
    },
  );

  constructor() {
    effect(() => {
      this.domain();
      untracked(() => void this.load());
    });
    effect(() => {
      if (this.readonly()) this.form.disable();
      else this.form.enable();
    });
  }

  async load(): Promise<void> {
    await this.state.load(() => this.api.publishing(this.domain()));
  }

  protected async save(): Promise<void> {
    if (!this.hasSecret() && this.form.controls.tsigSecret.value.trim() === '') {
      this.form.controls.tsigSecret.setErrors({ required: true });
    }
    const request = dnsPublishingRequest(this.form);
    await this.state.save((etag) => this.api.savePublishing(this.domain(), request, etag));
  }

  protected async remove(): Promise<void> {
    await this.state.write(async (etag) => {
      await this.api.removePublishing(this.domain(), etag);
      return { value: null, etag: '"0"' };
    });
  }

  private show(value: DnsPublishingResponseDto | null): void {
    this.hasSecret.set(value?.hasTsigSecret ?? false);
    this.form.reset({
      server: value?.server ?? '',
      zone: value?.zone ?? this.domain(),
      tsigKeyName: value?.tsigKeyName ?? '',
      tsigAlgorithm: value?.tsigAlgorithm ?? 'hmac-sha256',
      tsigSecret: '',
    });
    this.loaded.set(true);
    this.changed.emit(value);
  }
}
