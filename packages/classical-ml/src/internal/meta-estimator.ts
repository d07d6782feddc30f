import { Estimator, type EstimatorJSON } from '../base';
import { ValueError } from '../errors';
import {
  type EstimatorSpec,
  type MemberEstimator,
  memberFromJSON,
  specFromJSON,
  specToJSON,
} from './ensemble-members';

type Template = { type: string; params: object };

/**
 * Base of estimators whose parameters hold other estimators (voting, stacking, bagging, AdaBoost):
 * parameters named in `specKeys` are serialised as `{ type, params }` templates, fitted members live
 * in the state as their own `toJSON()` output (plain JSON), and `fromJSON` restores both through the
 * family's class registry.
 */
export abstract class MetaEstimator<
  P extends object,
  S extends { members: EstimatorJSON[] },
> extends Estimator<P, S> {
  /** Parameter keys holding a spec; 'estimators' holds [name, spec] pairs. */
  protected abstract readonly specKeys: readonly string[];
  private cache: { state: S; members: MemberEstimator[] } | null = null;

  override getParams(): P {
    const out: Record<string, unknown> = { ...(this.params as Record<string, unknown>) };
    for (const [k, v] of Object.entries(out))
      if (Array.isArray(v)) out[k] = v.map((e) => (Array.isArray(e) ? [...e] : e));
    return out as P;
  }

  override toJSON(): EstimatorJSON<P, S> {
    const params: Record<string, unknown> = { ...(this.params as Record<string, unknown>) };
    for (const k of this.specKeys) {
      const v = params[k];
      if (v === null || v === undefined) continue;
      params[k] =
        k === 'estimators'
          ? (v as [string, EstimatorSpec][]).map(([n, s]) => [n, specToJSON(s)])
          : specToJSON(v as EstimatorSpec);
    }
    return {
      type: this.constructor.name,
      version: 1,
      params: JSON.parse(JSON.stringify(params)),
      state: this.state ? structuredClone(this.state) : null,
    };
  }

  static override fromJSON<T extends Estimator<object, object>>(
    this: new (
      params?: never,
    ) => T,
    json: unknown,
  ): T {
    const obj = (typeof json === 'string' ? JSON.parse(json) : json) as EstimatorJSON<
      Record<string, unknown>
    >;
    if (!obj || typeof obj !== 'object' || obj.type !== this.name || obj.version !== 1)
      throw new ValueError(
        `${this.name}.fromJSON: expected the toJSON() output of a ${this.name} (version 1).`,
      );
    const keys = (new this({} as never) as unknown as { specKeys: readonly string[] }).specKeys;
    const params: Record<string, unknown> = { ...obj.params };
    for (const k of keys) {
      const v = params[k];
      if (v === null || v === undefined) continue;
      params[k] =
        k === 'estimators'
          ? (v as [string, Template][]).map(([n, t]) => [n, specFromJSON(t)])
          : specFromJSON(v as Template);
    }
    const est = new this(params as never);
    (est as unknown as { state: unknown }).state = obj.state === null ? null : structuredClone(obj.state);
    return est;
  }

  /** The fitted members, restored once from the state. */
  protected members(what: string): MemberEstimator[] {
    const s = this.fitted(what);
    if (this.cache?.state !== s) this.cache = { state: s, members: s.members.map((j) => memberFromJSON(j)) };
    return this.cache.members;
  }
}
