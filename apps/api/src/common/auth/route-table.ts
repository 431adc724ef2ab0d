import { RequestMethod, SetMetadata, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { ACCESS_METADATA, type AccessRule } from './access.decorators.js';

export interface RouteEntry {
  method: string;
  /** Full path with Nest-style parameters, e.g. `/api/v1/mailboxes/:address`. */
  path: string;
  handler: string;
  access: AccessRule | undefined;
}

const UNPREFIXED_METADATA = 'yubin:unprefixed';

/**
 * A controller served at the root, outside the API prefix (its paths must be in
 * setGlobalPrefix's `exclude` too): formats other programs define, such as mail app autoconfiguration.
 */
export const Unprefixed = (): ClassDecorator => SetMetadata(UNPREFIXED_METADATA, true);

function joinPath(...parts: string[]): string {
  return (
    '/' +
    parts
      .flatMap((part) => part.split('/'))
      .filter((part) => part !== '')
      .join('/')
  );
}

/** Every route the application serves, with its access rule: the source of the authorization matrix. */
export function routeTable(app: INestApplication, prefix: string): RouteEntry[] {
  const modules = app.get(ModulesContainer);
  const scanner = new MetadataScanner();
  const reflector = new Reflector();
  const routes: RouteEntry[] = [];
  const controllers = [...modules.values()].flatMap((module) => [...module.controllers.values()]);
  for (const wrapper of controllers) {
    // The class, not the instance: this also works in preview mode (OpenAPI export without a database).
    const metatype = wrapper.metatype as (abstract new (...args: never[]) => object) | null;
    if (metatype === null) continue;
    const controllerPaths = [
      Reflect.getMetadata(PATH_METADATA, metatype) as string | string[],
    ].flat();
    const routePrefix = Reflect.getMetadata(UNPREFIXED_METADATA, metatype) === true ? '' : prefix;
    const prototype = metatype.prototype as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name] as (...args: unknown[]) => unknown;
      const methodPath = Reflect.getMetadata(PATH_METADATA, handler) as
        string | string[] | undefined;
      if (methodPath === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      const access = reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [
        handler,
        metatype,
      ]);
      for (const controllerPath of controllerPaths) {
        for (const path of [methodPath].flat()) {
          routes.push({
            method,
            path: joinPath(routePrefix, controllerPath, path),
            handler: name,
            access,
          });
        }
      }
    }
  }
  return routes;
}

/** Refuses to start an application with a route that declares no access rule. */
export function assertEveryRouteHasAccessRule(routes: RouteEntry[]): void {
  const missing = routes.filter((route) => route.access === undefined);
  if (missing.length > 0) {
    throw new Error(
      `Routes without an access rule (@Public, @Authenticated or @RequirePermission): ${missing
        .map((route) => `${route.method} ${route.path}`)
        .join(', ')}`,
    );
  }
}
