import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { MessageKey } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';

/** The shape of `GET /api/v1/me/connection-settings`, kept here so shared/ui needs no client import. */
export interface ConnectionEndpoint {
  protocol: 'imap' | 'pop3' | 'smtp';
  host: string;
  port: number;
  security: 'tls' | 'starttls' | 'none';
}

export interface ConnectionSettings {
  username: string;
  incoming: ConnectionEndpoint[];
  outgoing: ConnectionEndpoint[];
  appPasswordRequired: boolean;
}

const SECURITY: Readonly<Record<ConnectionEndpoint['security'], MessageKey>> = {
  tls: 'connection.security.tls',
  starttls: 'connection.security.starttls',
  none: 'connection.security.none',
};

const PROTOCOL: Readonly<Record<ConnectionEndpoint['protocol'], MessageKey>> = {
  imap: 'connection.protocol.imap',
  pop3: 'connection.protocol.pop3',
  smtp: 'connection.protocol.smtp',
};

/** What to type into a mail app: server names, ports and security, each copyable. */
@Component({
  selector: 'yb-connection-settings-card',
  imports: [MatButtonModule, MatIconModule, MatTooltipModule, TranslatePipe],
  template: `
    <section class="yb-card" [attr.aria-label]="'connection.title' | t">
      <h2>{{ 'connection.title' | t }}</h2>
      <p class="yb-muted">{{ 'connection.intro' | t }}</p>
      <dl class="user">
        <dt>{{ 'connection.username' | t }}</dt>
        <dd>
          <code class="yb-mono">{{ settings().username }}</code>
        </dd>
        <dt>{{ 'connection.password' | t }}</dt>
        <dd>
          {{
            (settings().appPasswordRequired ? 'connection.appPassword' : 'connection.yourPassword')
              | t
          }}
        </dd>
      </dl>
      @for (group of groups(); track group.title) {
        <h3>{{ group.title | t }}</h3>
        <table class="endpoints">
          <thead>
            <tr>
              <th scope="col">{{ 'connection.protocolHeader' | t }}</th>
              <th scope="col">{{ 'connection.server' | t }}</th>
              <th scope="col">{{ 'connection.port' | t }}</th>
              <th scope="col">{{ 'connection.securityHeader' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (endpoint of group.endpoints; track $index) {
              <tr>
                <td>{{ protocolLabel(endpoint) | t }}</td>
                <td>
                  <code class="yb-mono">{{ endpoint.host }}</code>
                  <button
                    mat-icon-button
                    type="button"
                    (click)="copy(endpoint.host)"
                    [attr.aria-label]="'connection.copyServer' | t: { host: endpoint.host }"
                    [matTooltip]="'common.copy' | t"
                  >
                    <mat-icon fontIcon="content_copy" />
                  </button>
                </td>
                <td class="yb-mono">{{ endpoint.port }}</td>
                <td>{{ securityLabel(endpoint) | t }}</td>
              </tr>
            }
          </tbody>
        </table>
      }
      <h3>{{ 'connection.explain.title' | t }}</h3>
      <ul class="explain" data-testid="connection-explain">
        <li>{{ 'connection.explain.imapPop' | t }}</li>
        <li>{{ 'connection.explain.incomingPorts' | t }}</li>
        <li>{{ 'connection.explain.outgoingPorts' | t }}</li>
        <li>{{ 'connection.explain.why25' | t }}</li>
      </ul>
    </section>
  `,
  styles: `
    h2 {
      font: var(--mat-sys-title-large);
    }
    h3 {
      font: var(--mat-sys-title-small);
      margin-top: 16px;
    }
    .user {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 4px 16px;
    }
    dd {
      margin: 0;
    }
    .endpoints {
      border-collapse: collapse;
      width: 100%;
      margin-top: 4px;
    }
    .explain {
      margin: 4px 0 0;
      padding-left: 20px;
      display: grid;
      gap: 4px;
    }
    th,
    td {
      text-align: left;
      padding: 4px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConnectionSettingsCard {
  private readonly clipboard = inject(Clipboard);
  readonly settings = input.required<ConnectionSettings>();

  protected groups(): { title: MessageKey; endpoints: ConnectionEndpoint[] }[] {
    return [
      { title: 'connection.incoming', endpoints: this.settings().incoming },
      { title: 'connection.outgoing', endpoints: this.settings().outgoing },
    ];
  }

  protected securityLabel(endpoint: ConnectionEndpoint): MessageKey {
    return SECURITY[endpoint.security];
  }

  protected protocolLabel(endpoint: ConnectionEndpoint): MessageKey {
    return PROTOCOL[endpoint.protocol];
  }

  protected copy(text: string): void {
    this.clipboard.copy(text);
  }
}
