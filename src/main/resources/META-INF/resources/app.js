// gitlab-link demo SPA: no framework, no build step. Everything the server sends is shown with
// textContent, never as HTML. Every call is same-origin with the session cookie; a 401
// not_authenticated answer means "signed out".
'use strict';

const PER_PAGE = 20;

const LOGIN_ERRORS = {
    access_denied: 'Sign-in was cancelled: access to your GitLab account was not granted.',
    invalid_scope: 'GitLab refused the permissions this application asks for. Contact the administrator.',
    server_error: 'GitLab had a problem while signing you in. Please try again.',
    temporarily_unavailable: 'GitLab is temporarily unavailable. Please try again later.',
    unauthorized_client: 'This application is not allowed to sign in with GitLab. Contact the administrator.',
    invalid_request: 'The sign-in request was not accepted by GitLab. Please try again.',
    login_failed: 'Sign-in could not be completed. Please try again.',
    unknown_instance: 'That GitLab instance is not offered here. Choose one of the instances below.',
    access_denied_by_policy: 'This GitLab account is not allowed to use this service. Ask the service\'s administrators for access, '
        + 'or sign in with another GitLab account.'
};

const LINK_ERRORS = {
    link_intent_not_found: 'That link request does not exist. Start again with “Link another GitLab account”.',
    link_intent_used: 'That link request was already used. Start again with “Link another GitLab account”.',
    link_intent_expired: 'That link request expired. Start again with “Link another GitLab account”.',
    link_session_mismatch: 'That link request belongs to another sign-in. '
        + 'Start again with “Link another GitLab account”.',
    account_linked_elsewhere: 'That GitLab account is already linked to another user. Sign in with it to use it, '
        + 'or unlink it there first.',
    access_denied_by_policy: 'That GitLab account is not allowed to use this service, so it was not linked.',
    step_up_identity_mismatch: 'GitLab signed in another user than the account that needs the permission. '
        + 'Sign in at GitLab as that account’s user and try again.',
    step_up_scopes_not_granted: 'GitLab did not grant the permission asked for. Please try again.',
    account_not_found: 'That GitLab account is no longer linked.',
    link_failed: 'The GitLab account could not be linked. Please try again.'
};

const state = {
    accountId: null,
    /** The GitLab instance id of each linked account, by account id: signing in again goes to that instance. */
    instanceOf: {},
    projects: { page: 1, search: '', orderBy: 'last_activity_at', sort: 'desc' }
};

class SignedOut extends Error {
}

class ApiProblem extends Error {
    constructor(problem, response) {
        super(problem.detail || problem.title || ('HTTP ' + response.status));
        this.problem = problem;
        this.status = response.status;
        const header = response.headers.get('Retry-After');
        this.retryAfter = problem.retryAfter ?? (header ? Number(header) : null);
    }
}

const $ = (id) => document.getElementById(id);

async function readProblem(response) {
    try {
        return await response.json();
    } catch (ignored) {
        return { title: 'Unexpected answer', detail: 'The service answered with status ' + response.status + '.' };
    }
}

async function api(path, { method = 'GET', body, extraHeaders = {} } = {}) {
    const headers = { Accept: 'application/json', ...extraHeaders };
    if (method !== 'GET') {
        headers['X-CSRF'] = '1';
    }
    if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(path, { method, headers, credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body) });
    if (response.ok) {
        return response.status === 204 ? null : response.json();
    }
    const problem = await readProblem(response);
    if (response.status === 401 && problem.code !== 'gitlab_reauth_required') {
        showSignedOut();
        throw new SignedOut();
    }
    throw new ApiProblem(problem, response);
}

function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    Object.entries(props).forEach(([key, value]) => {
        if (key === 'text') {
            node.textContent = value;
        } else if (key === 'class') {
            node.className = value;
        } else {
            node.setAttribute(key, value);
        }
    });
    children.filter((child) => child != null).forEach((child) => node.append(child));
    return node;
}

function safeLink(url, text) {
    // Only http(s) links from GitLab become links; anything else is shown as text.
    return /^https?:\/\//i.test(url || '') ? el('a', { href: url, rel: 'noopener noreferrer', text }) : el('span', { text });
}

function showOnly(view) {
    $('loading').hidden = true;
    $('signed-out').hidden = view !== 'signed-out';
    $('signed-in').hidden = view !== 'signed-in';
    $('user-nav').hidden = view !== 'signed-in';
}

/** One sign-in button per GitLab instance (GET /api/instances is public); a single instance keeps the one button. */
async function showSignInChoices() {
    let instances;
    try {
        instances = await api('/api/instances');
    } catch (error) {
        return;
    }
    if (!Array.isArray(instances) || instances.length < 2) {
        return;
    }
    $('sign-in-choices').replaceChildren(...instances.map((instance, index) => el('a', {
        id: index === 0 ? 'sign-in' : 'sign-in-' + instance.id,
        class: 'button',
        href: '/login?returnTo=/&instance=' + encodeURIComponent(instance.id),
        text: 'Sign in with ' + instance.name
    })));
}

/** How an account's instance is named to the user. */
function instanceLabel(account) {
    return account.instanceName || account.instanceUrl;
}

async function showSignedOut(loginError) {
    // The choices first, so the section never shows one button and then swaps it for others.
    await showSignInChoices();
    showOnly('signed-out');
    const message = $('login-error');
    if (loginError) {
        message.textContent = LOGIN_ERRORS[loginError] || LOGIN_ERRORS.login_failed;
        message.hidden = false;
    }
    document.title = 'Signed out – gitlab-link';
}

function loginUrl(problem) {
    const base = problem && typeof problem.loginUrl === 'string' && problem.loginUrl.startsWith('/')
        ? problem.loginUrl : '/login';
    const instance = state.instanceOf[state.accountId];
    return base + (base.includes('?') ? '&' : '?') + 'returnTo=' + encodeURIComponent('/')
        + (instance && !base.includes('instance=') ? '&instance=' + encodeURIComponent(instance) : '');
}

function showReauth(problem) {
    $('reauth-sign-in').setAttribute('href', loginUrl(problem));
    if (problem && problem.detail) {
        $('reauth-message').textContent = problem.detail + ' Sign in to GitLab again to continue.';
    }
    $('reauth').hidden = false;
}

/**
 * Offers the step-up a gitlab_insufficient_scope problem carries: its one-time URL (this service's, never another
 * site's) asks GitLab for the missing permission, and brings the browser back to this page.
 */
function showStepUp(problem) {
    const offered = problem && typeof problem.stepUpUrl === 'string' ? problem.stepUpUrl : '';
    const url = /^\/stepup\/start\/[A-Za-z0-9_-]+$/.test(offered) ? offered : null;
    if (!url) {
        return false;
    }
    // requiredScopes: any one of them would do; a read scope among them means this only needs to read.
    const scopes = Array.isArray(problem.requiredScopes) ? problem.requiredScopes : [];
    const reads = scopes.filter((scope) => typeof scope === 'string' && scope.startsWith('read_'));
    $('step-up-message').textContent = reads.length === 0 ? 'gitlab-link needs permission to write to GitLab.'
        : 'gitlab-link needs permission to read this from GitLab (' + reads.join(' or ') + ').';
    $('step-up-grant').setAttribute('href', url + '?returnTo='
        + encodeURIComponent(location.pathname + location.search));
    $('step-up').hidden = false;
    return true;
}

/** Puts a clear, actionable message for a failed call into the section's state line. */
function showProblem(stateNode, error) {
    stateNode.replaceChildren();
    stateNode.classList.add('problem');
    if (error instanceof SignedOut) {
        return;
    }
    const problem = error instanceof ApiProblem ? error.problem : {};
    switch (problem.code) {
        case 'gitlab_reauth_required':
            stateNode.append('GitLab needs you to sign in again. ',
                el('a', { href: loginUrl(problem), class: 'reauth-link', text: 'Sign in again' }));
            showReauth(problem);
            break;
        case 'gitlab_rate_limited': {
            const seconds = error.retryAfter;
            stateNode.textContent = 'GitLab is rate limiting requests. '
                + (seconds != null ? 'Try again in ' + seconds + ' seconds.' : 'Try again shortly.');
            break;
        }
        case 'rate_limited': {
            const seconds = error.retryAfter;
            stateNode.textContent = 'Too many requests at once. '
                + (seconds != null ? 'Try again in ' + seconds + ' seconds.' : 'Try again shortly.');
            break;
        }
        case 'gitlab_unavailable':
            stateNode.textContent = 'GitLab is unavailable right now. Try again in a moment.';
            break;
        case 'access_denied_by_policy':
            stateNode.textContent = 'This GitLab account is no longer allowed to use this service by its access '
                + 'policy. Ask the service\'s administrators for access.';
            break;
        case 'gitlab_insufficient_scope':
            stateNode.textContent = 'This GitLab account did not grant the permissions needed to show this.';
            if (showStepUp(problem)) {
                stateNode.append(' ', el('a', { href: $('step-up-grant').getAttribute('href'), class: 'step-up-link',
                    text: 'Grant it at GitLab' }));
            }
            break;
        default:
            stateNode.textContent = error instanceof ApiProblem
                ? (problem.detail || problem.title || 'Something went wrong.')
                : 'The service could not be reached. Check your connection and try again.';
    }
}

function setState(stateNode, text) {
    stateNode.classList.remove('problem');
    stateNode.textContent = text;
}

async function loadList(name, path, render, emptyText) {
    const stateNode = $(name + '-state');
    const list = $(name);
    setState(stateNode, 'Loading…');
    try {
        const answer = await api(path);
        list.replaceChildren(...answer.items.map(render));
        setState(stateNode, answer.items.length === 0 ? emptyText : '');
        return answer;
    } catch (error) {
        list.replaceChildren();
        showProblem(stateNode, error);
        return null;
    }
}

function accountPath(suffix) {
    return '/api/accounts/' + encodeURIComponent(state.accountId) + suffix;
}

async function loadProjects() {
    const p = state.projects;
    const query = new URLSearchParams({ page: String(p.page), perPage: String(PER_PAGE), orderBy: p.orderBy, sort: p.sort });
    if (p.search) {
        query.set('search', p.search);
    }
    const answer = await loadList('projects', accountPath('/projects?' + query), renderProject,
        p.search ? 'No project matches “' + p.search + '”.' : 'You are not a member of any project yet.');
    const page = answer ? answer.page : null;
    $('projects-prev').disabled = !(page && page.prevPage);
    $('projects-next').disabled = !(page && page.nextPage);
    $('projects-prev').dataset.page = page && page.prevPage ? page.prevPage : '';
    $('projects-next').dataset.page = page && page.nextPage ? page.nextPage : '';
    $('projects-page').textContent = page
        ? 'Page ' + page.page + (page.totalPages ? ' of ' + page.totalPages : '') : '';
}

function renderProject(project) {
    const button = el('button', { type: 'button', class: 'show-pipelines', text: 'Pipelines' });
    button.setAttribute('aria-label', 'Pipelines of ' + project.fullName);
    button.addEventListener('click', () => openPipelines(project));
    const newIssue = el('button', { type: 'button', class: 'new-issue', text: 'New issue' });
    newIssue.setAttribute('aria-label', 'New issue in ' + project.fullName);
    newIssue.addEventListener('click', () => openNewIssue(project));
    return el('li', { class: 'project', 'data-project-id': String(project.id) },
        safeLink(project.webUrl, project.fullName),
        el('span', { class: 'meta', text: [project.visibility, project.description].filter(Boolean).join(' · ') }),
        button, newIssue);
}

/**
 * The Idempotency-Key of a write form: kept while the same content is sent again (a retry after a lost answer
 * gets the first result instead of a second issue), new once the content changes or the write succeeded.
 */
function idempotencyKey(form, body) {
    const content = JSON.stringify(body);
    if (!form.dataset.idempotencyKey || form.dataset.idempotencyContent !== content) {
        const bytes = crypto.getRandomValues(new Uint8Array(16));
        form.dataset.idempotencyKey = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
        form.dataset.idempotencyContent = content;
    }
    return form.dataset.idempotencyKey;
}

/** A write's problem: field errors next to their fields, the rest (permission, GitLab down) in the state line. */
function showWriteProblem(stateNode, error, fieldErrorNode) {
    const problem = error instanceof ApiProblem ? error.problem : {};
    if (problem.code === 'validation_failed' && Array.isArray(problem.errors)) {
        const unplaced = [];
        problem.errors.forEach((fieldError) => {
            const node = fieldErrorNode(fieldError.field);
            if (node) {
                node.textContent = fieldError.message;
            } else {
                unplaced.push(fieldError.field + ' ' + fieldError.message);
            }
        });
        stateNode.classList.add('problem');
        stateNode.textContent = 'Please correct the marked fields.' + (unplaced.length ? ' ' + unplaced.join('; ') : '');
    } else if (problem.code === 'gitlab_insufficient_scope') {
        stateNode.classList.add('problem');
        stateNode.textContent = 'gitlab-link needs permission to write to GitLab.';
        if (showStepUp(problem)) {
            stateNode.append(' ', el('a', { href: $('step-up-grant').getAttribute('href'), class: 'step-up-link',
                text: 'Grant it at GitLab' }));
        }
    } else {
        showProblem(stateNode, error);
    }
}

function openNewIssue(project) {
    const form = $('new-issue-form');
    form.reset();
    delete form.dataset.idempotencyKey;
    form.dataset.projectId = String(project.id);
    form.querySelectorAll('.field-error').forEach((node) => { node.textContent = ''; });
    setState($('new-issue-state'), '');
    $('new-issue-heading').textContent = 'New issue in ' + project.fullName;
    $('new-issue-section').hidden = false;
    $('new-issue-section').scrollIntoView();
    $('new-issue-title').focus();
}

async function submitNewIssue(event) {
    event.preventDefault();
    const form = $('new-issue-form');
    const stateNode = $('new-issue-state');
    form.querySelectorAll('.field-error').forEach((node) => { node.textContent = ''; });
    const labels = $('new-issue-labels').value.split(',').map((label) => label.trim()).filter(Boolean);
    const body = { title: $('new-issue-title').value, description: $('new-issue-description').value, labels,
        confidential: $('new-issue-confidential').checked, allowQuickActions: $('new-issue-quick-actions').checked };
    $('new-issue-submit').disabled = true;
    setState(stateNode, 'Creating…');
    try {
        const issue = await api(accountPath('/projects/' + encodeURIComponent(form.dataset.projectId) + '/issues'),
            { method: 'POST', body, extraHeaders: { 'Idempotency-Key': idempotencyKey(form, body) } });
        delete form.dataset.idempotencyKey;
        stateNode.replaceChildren('Created ', safeLink(issue.webUrl, issue.reference || '#' + issue.iid),
            ' ' + issue.title + '.');
        stateNode.classList.remove('problem');
        form.reset();
    } catch (error) {
        if (!(error instanceof SignedOut)) {
            showWriteProblem(stateNode, error, (field) => $('new-issue-' + field + '-error'));
        }
    }
    $('new-issue-submit').disabled = false;
}

/** A comment box under an issue or a merge request ({@code kind} is 'issues' or 'merge-requests'). */
function commentBox(item, kind) {
    const label = 'Comment on ' + (item.reference || '#' + item.iid);
    const textarea = el('textarea', { class: 'comment-body', rows: '3', 'aria-label': label });
    const quickActions = el('input', { type: 'checkbox', class: 'comment-quick-actions' });
    const stateNode = el('div', { class: 'state comment-state', role: 'status' });
    const submit = el('button', { type: 'submit', class: 'comment-submit', text: 'Add comment' });
    const form = el('form', { class: 'comment-form write-form', 'aria-label': label, hidden: '' }, textarea,
        el('label', {}, quickActions, ' Run quick actions (/close, /merge...)'), submit, stateNode);
    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const body = { body: textarea.value, allowQuickActions: quickActions.checked };
        submit.disabled = true;
        setState(stateNode, 'Sending…');
        try {
            const answer = await api(accountPath('/projects/' + encodeURIComponent(item.projectId) + '/' + kind + '/'
                + encodeURIComponent(item.iid) + '/notes'),
            { method: 'POST', body, extraHeaders: { 'Idempotency-Key': idempotencyKey(form, body) } });
            delete form.dataset.idempotencyKey;
            setState(stateNode, answer && answer.commandsApplied ? 'Quick actions applied.' : 'Comment added.');
            textarea.value = '';
        } catch (error) {
            if (error instanceof ApiProblem && error.problem.code === 'validation_failed') {
                stateNode.classList.add('problem');
                stateNode.textContent = (error.problem.errors || [])
                    .map((fieldError) => 'The comment ' + fieldError.message + '.').join(' ');
            } else if (!(error instanceof SignedOut)) {
                showWriteProblem(stateNode, error, () => null);
            }
        }
        submit.disabled = false;
    });
    const toggle = el('button', { type: 'button', class: 'comment-toggle', text: 'Comment', 'aria-label': label });
    toggle.addEventListener('click', () => {
        form.hidden = !form.hidden;
        if (!form.hidden) {
            textarea.focus();
        }
    });
    return [toggle, form];
}

async function openPipelines(project) {
    $('pipelines-section').hidden = false;
    $('pipelines-heading').textContent = 'Pipelines of ' + project.fullName;
    $('pipelines-section').scrollIntoView();
    await loadList('pipelines', accountPath('/projects/' + encodeURIComponent(project.id) + '/pipelines?perPage=20'),
        (pipeline) => el('li', { class: 'pipeline' },
            safeLink(pipeline.webUrl, '#' + pipeline.id),
            el('span', { class: 'status-' + pipeline.status, text: pipeline.status }),
            el('span', { class: 'meta', text: pipeline.ref + ' · ' + (pipeline.sha || '').substring(0, 8) })),
        'This project has no pipelines.');
}

function renderWorkItem(item, kind) {
    return el('li', { class: 'work-item' },
        safeLink(item.webUrl, item.reference ? item.reference + ' ' + item.title : item.title),
        el('span', { class: 'meta', text: item.author ? 'by ' + item.author.name : '' }),
        ...commentBox(item, kind));
}

function renderSession(session) {
    state.instanceOf = Object.fromEntries(session.accounts.map((account) => [account.id, account.instanceId]));
    $('who').textContent = session.user.displayName;
    $('me').textContent = 'Signed in as ' + session.user.displayName + '. Session ends '
        + new Date(session.expiresAt).toLocaleString() + '.';
    $('accounts').replaceChildren(...session.accounts.map((account) => el('li', { class: 'account' },
        /^https:\/\//.test(account.avatarUrl || '') ? el('img', { src: account.avatarUrl, alt: '' }) : null,
        ' ' + account.name + ' (@' + account.username + ') on ' + instanceLabel(account)
        + (account.status === 'reauth_required' ? ' — needs sign-in again' : '')
        + (account.status === 'forbidden' ? ' — not allowed by this service\'s access policy' : '')
        + (account.status === 'instance_removed' ? ' — this GitLab is no longer offered; you can only unlink it' : '')
        + ' ',
        el('span', { class: 'meta scopes', text: 'GitLab permissions: ' + (account.scopes || []).join(' ') }),
        ' ',
        el('button', { type: 'button', class: 'unlink', 'data-account-id': account.id,
            'aria-label': 'Unlink @' + account.username + ' on ' + instanceLabel(account), text: 'Unlink' }))));
    const picker = $('account');
    picker.replaceChildren(...session.accounts.map((account) =>
        el('option', { value: account.id, text: '@' + account.username + ' on ' + instanceLabel(account) })));
    $('account-picker').hidden = session.accounts.length < 2;
}

/** Empties every list of the previous account (after an unlink, nothing of it may stay on screen). */
function clearAccountData() {
    ['projects', 'issues', 'merge-requests', 'pipelines'].forEach((name) => {
        $(name).replaceChildren();
        setState($(name + '-state'), '');
    });
    $('projects-page').textContent = '';
    $('projects-prev').disabled = true;
    $('projects-next').disabled = true;
    $('pipelines-section').hidden = true;
    $('new-issue-section').hidden = true;
    $('reauth').hidden = true;
    $('step-up').hidden = true;
}

async function loadAccountData() {
    $('reauth').hidden = true;
    $('pipelines-section').hidden = true;
    await Promise.all([
        loadProjects(),
        loadList('issues', accountPath('/issues?scope=assigned_to_me&state=opened&perPage=20'),
            (item) => renderWorkItem(item, 'issues'), 'No open issues are assigned to you.'),
        loadList('merge-requests', accountPath('/merge-requests?scope=reviews_for_me&state=opened&perPage=20'),
            (item) => renderWorkItem(item, 'merge-requests'), 'No merge requests are waiting for your review.')
    ]);
}

/** The instances an account can be linked on (GET /api/instances), the default one first. */
async function loadInstances() {
    let instances;
    try {
        instances = await api('/api/instances');
    } catch (ignored) {
        return;
    }
    if (!Array.isArray(instances)) {
        return;
    }
    $('link-instance').replaceChildren(...instances.map((instance) =>
        el('option', { value: String(instance.id), text: instance.name || String(instance.id) })));
}

const DEVICE_LINK_OUTCOMES = {
    linked: 'The GitLab account is linked.',
    denied: 'The code was denied at GitLab; nothing was linked.',
    expired: 'The code expired; nothing was linked. Start again with “Link with a code”.',
    refused: 'That GitLab account is already linked to another user. Sign in with it to use it, or unlink it there'
        + ' first.',
    access_denied_by_policy: 'That GitLab account is not allowed to use this service, so it was not linked.',
};

/** Links an account by device code: shows the code and GitLab's page, then polls until the link ends. */
async function linkWithCode() {
    const button = $('link-device');
    const box = $('device-link');
    button.disabled = true;
    let link;
    try {
        link = await api('/api/links/device', { method: 'POST', body: { instance: $('link-instance').value } });
    } catch (error) {
        if (!(error instanceof SignedOut)) {
            showAlert(error instanceof ApiProblem && error.problem.detail ? error.problem.detail
                : LINK_ERRORS.link_failed);
        }
        button.disabled = false;
        return;
    }
    // Only an http(s) link to GitLab: the URI comes from GitLab, through the service.
    const page = [link.verificationUriComplete, link.verificationUri]
        .find((uri) => typeof uri === 'string' && /^https?:\/\//.test(uri));
    box.replaceChildren(
        el('span', { text: 'Enter the code ' }), el('strong', { text: link.userCode, class: 'user-code' }),
        el('span', { text: ' at ' }),
        page ? el('a', { href: page, target: '_blank', rel: 'noopener noreferrer', text: link.verificationUri }) : null,
        el('span', { text: ' and approve. Waiting for GitLab…' }));
    box.hidden = false;
    const every = Math.max(1, Number(link.interval) || 5) * 1000;
    const deadline = Date.parse(link.expiresAt) + 30000;
    let status = 'pending';
    while (status === 'pending' && !(Date.now() > deadline)) {
        await new Promise((resolve) => setTimeout(resolve, every));
        try {
            status = (await api('/api/links/device/' + encodeURIComponent(link.id))).status;
        } catch (error) {
            if (error instanceof SignedOut) {
                return;
            }
            if (error instanceof ApiProblem && error.problem.code === 'access_denied_by_policy') {
                status = 'access_denied_by_policy';
                break;
            }
            // A failed status read is tried again at the next tick.
        }
    }
    box.replaceChildren(el('span', { text: DEVICE_LINK_OUTCOMES[status] || DEVICE_LINK_OUTCOMES.expired }));
    button.disabled = false;
    if (status === 'linked') {
        await start();
    }
}

function showAlert(text) {
    $('alert').textContent = text;
    $('alert').hidden = false;
}

async function start() {
    const params = new URLSearchParams(window.location.search);
    const loginError = params.get('loginError');
    const linkError = params.get('linkError');
    const linked = params.get('linked');
    if (loginError || linkError || linked) {
        // Keep the address bar clean: a reload should not show the outcome again.
        window.history.replaceState(null, '', window.location.pathname);
    }
    let session;
    try {
        session = await api('/api/session');
    } catch (error) {
        if (error instanceof SignedOut) {
            await showSignedOut(loginError);
        } else {
            await showSignedOut();
            $('alert').textContent = 'The service could not be reached. Try again in a moment.';
            $('alert').hidden = false;
        }
        return;
    }
    if (loginError) {
        showAlert(LOGIN_ERRORS[loginError] || LOGIN_ERRORS.login_failed);
    } else if (linkError) {
        showAlert(LINK_ERRORS[linkError] || LINK_ERRORS.link_failed);
    }
    showOnly('signed-in');
    loadInstances();
    document.title = 'gitlab-link';
    renderSession(session);
    clearAccountData();
    if (session.accounts.length === 0) {
        setState($('projects-state'), 'No GitLab account is linked.');
        return;
    }
    const justLinked = session.accounts.find((account) => account.id === linked);
    $('link-status').textContent = justLinked
        ? 'Linked @' + justLinked.username + ' on ' + justLinked.instanceUrl + '.' : '';
    $('link-status').hidden = !justLinked;
    const active = justLinked
        || session.accounts.find((account) => account.status === 'active') || session.accounts[0];
    state.accountId = active.id;
    $('account').value = active.id;
    if (active.status === 'reauth_required') {
        showReauth({ loginUrl: '/login' });
    }
    await loadAccountData();
}

function wire() {
    $('project-search').addEventListener('submit', (event) => {
        event.preventDefault();
        state.projects = {
            page: 1,
            search: $('project-query').value.trim(),
            orderBy: $('project-order').value,
            sort: $('project-sort').value
        };
        loadProjects();
    });
    ['projects-prev', 'projects-next'].forEach((id) => $(id).addEventListener('click', () => {
        const page = Number($(id).dataset.page);
        if (page > 0) {
            state.projects.page = page;
            loadProjects();
        }
    }));
    $('pipelines-close').addEventListener('click', () => {
        $('pipelines-section').hidden = true;
    });
    $('new-issue-form').addEventListener('submit', submitNewIssue);
    $('new-issue-cancel').addEventListener('click', () => {
        $('new-issue-section').hidden = true;
    });
    $('account').addEventListener('change', () => {
        state.accountId = $('account').value;
        state.projects.page = 1;
        loadAccountData();
    });
    $('accounts').addEventListener('click', async (event) => {
        const button = event.target.closest('button.unlink');
        if (!button) {
            return;
        }
        button.disabled = true;
        try {
            await api('/api/accounts/' + encodeURIComponent(button.dataset.accountId), { method: 'DELETE' });
        } catch (error) {
            if (!(error instanceof SignedOut)) {
                $('alert').textContent = 'Unlinking failed. Try again.';
                $('alert').hidden = false;
                button.disabled = false;
            }
            return;
        }
        $('alert').hidden = true;
        state.projects.page = 1;
        await start();
    });
    $('link-form').addEventListener('submit', async (event) => {
        event.preventDefault();
        const button = $('link-account');
        button.disabled = true;
        try {
            const answer = await api('/api/links', { method: 'POST', body: { instance: $('link-instance').value } });
            // Only a path of this service: the start URL signs in at GitLab and comes back here.
            if (typeof answer.authorizeUrl === 'string' && answer.authorizeUrl.startsWith('/')
                    && !answer.authorizeUrl.startsWith('//')) {
                window.location.assign(answer.authorizeUrl);
                return;
            }
            showAlert(LINK_ERRORS.link_failed);
        } catch (error) {
            if (!(error instanceof SignedOut)) {
                showAlert(error instanceof ApiProblem && error.problem.detail ? error.problem.detail
                    : LINK_ERRORS.link_failed);
            }
        }
        button.disabled = false;
    });
    $('link-device').addEventListener('click', linkWithCode);
    $('sign-out').addEventListener('click', () => endSession('/api/logout', 'POST', 'Sign-out failed. Try again.'));
    $('sign-out-everywhere').addEventListener('click',
        () => endSession('/api/sessions/end-all', 'POST', 'Signing out everywhere failed. Try again.'));
    $('delete-me').addEventListener('click', () => {
        if (window.confirm('Delete your account here? Your GitLab access is revoked and every linked account is'
            + ' removed. Your GitLab account itself is not touched.')) {
            endSession('/api/me', 'DELETE', 'Deleting your account failed. Try again.');
        }
    });
}

/** Sign-out, signing out everywhere, or deleting the user: each ends this session. */
async function endSession(path, method, failure) {
    try {
        await api(path, { method });
    } catch (error) {
        if (!(error instanceof SignedOut)) {
            $('alert').textContent = failure;
            $('alert').hidden = false;
            return;
        }
    }
    $('alert').hidden = true;
    showSignedOut();
}

document.addEventListener('DOMContentLoaded', () => {
    wire();
    start();
});
