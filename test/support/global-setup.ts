/** vitest globalSetup: after the whole run, remove the CDK assemblies the infra tests wrote (test/infra/synth.ts). */
import { sweepAssemblies } from '../infra/synth';

export default function setup(): () => void {
  return () => sweepAssemblies();
}
