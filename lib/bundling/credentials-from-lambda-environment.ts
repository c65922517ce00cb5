/**
 * Stands in for `@aws-sdk/credential-provider-node` (the SDK clients' default credential chain) in the Lambda
 * bundles (see HANDLER_ALIASES).
 *
 * After the environment variables, the default chain tries SSO, shared config files, credential processes, web
 * identity tokens and container or instance metadata, and for them bundles the STS, SSO, SSO-OIDC and sign-in clients
 * (≈ 95 KB minified in every handler, parsed on every cold start). In Lambda it never gets past its first link: the
 * runtime puts the execution role's credentials in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN.
 * The CLI, `voc serve` and the tests are not bundled with this alias and keep the whole chain.
 */
import { fromEnv, type FromEnvInit } from '@aws-sdk/credential-provider-env';

export const defaultProvider = (init: FromEnvInit = {}): ReturnType<typeof fromEnv> => {
  const fromVariables = fromEnv(init);
  return async () => {
    try {
      return await fromVariables();
    } catch (error) {
      throw new Error(
        'no AWS credentials in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY: the Lambda runtime sets them from the ' +
          "function's execution role, and this bundle reads no other source (lib/bundling/credentials-from-lambda-environment.ts). " +
          'Run the handler in Lambda, or set the variables.',
        { cause: error },
      );
    }
  };
};
