package dev.gitlablink.auth;

import dev.gitlablink.account.GitLabIdentity;
import dev.gitlablink.account.GrantedTokens;
import dev.gitlablink.gitlab.GitLabUserInfo;

/**
 * What a finished code flow yields: the GitLab instance, who GitLab says the user is, the tokens it issued, and the
 * userinfo claims they were read from (groups and e-mail verification, for the access policy).
 */
public record CodeFlowGrant(String instanceUrl, GitLabIdentity identity, GrantedTokens tokens,
        GitLabUserInfo userInfo) {
}
