package dev.gitlablink.auth;

import dev.gitlablink.account.GitLabIdentity;
import dev.gitlablink.account.GrantedTokens;

/** What a finished code flow yields: the GitLab instance, who GitLab says the user is, and the tokens it issued. */
public record CodeFlowGrant(String instanceUrl, GitLabIdentity identity, GrantedTokens tokens) {
}
