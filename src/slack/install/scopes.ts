// The bot scopes the app asks for when a workspace installs it: exactly manifest.yml's
// oauth_config.scopes.bot (test/e2e/oauthInstall.test.ts holds the two together).
export const botScopes = ['commands', 'chat:write', 'users:read', 'channels:read', 'groups:read', 'channels:join', 'im:write', 'files:write', 'files:read', 'channels:manage', 'groups:write'] as const
