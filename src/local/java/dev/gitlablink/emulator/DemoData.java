package dev.gitlablink.emulator;

import dev.gitlablink.emulator.state.DataStore;
import dev.gitlablink.emulator.state.UserStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The deterministic dev data set: the {@code demo} user (password {@code demo}) with enough groups, projects,
 * issues, merge requests and pipelines to page through, plus three colleagues (password {@code password}).
 */
final class DemoData {

    private static final Instant START = Instant.parse("2025-03-03T08:00:00Z");
    private static final Duration STEP = Duration.ofMinutes(47);
    private static final String[] PIPELINE_STATUSES = {"success", "success", "failed", "running", "success",
        "canceled", "pending", "success", "skipped", "failed"};
    private static final String[] TOPICS = {"login fails on Safari", "slow project list", "dark mode colours",
        "typo in README", "export to CSV", "flaky pipeline", "timezone off by one", "crash on empty search"};

    private final DataStore data;
    private final UserStore users;

    DemoData(DataStore data, UserStore users) {
        this.data = data;
        this.users = users;
    }

    void seed() {
        long demo = users.create("demo", "Demo User", "demo@example.test", "demo").id();
        long alice = users.create("alice", "Alice Able", "alice@example.test", "password").id();
        long bob = users.create("bob", "Bob Baker", "bob@example.test", "password").id();
        long carol = users.create("carol", "Carol Cole", "carol@example.test", "password").id();
        data.useClock(new SteppingClock(START, STEP));
        try {
            List<Long> projects = projects(demo, alice, bob);
            issues(projects, demo, alice, bob, carol);
            mergeRequests(projects, demo, alice, bob, carol);
            pipelines(projects);
        } finally {
            data.useClock(Clock.systemUTC());
        }
    }

    /** 46 projects demo can see: 15 Maintainer (3 archived), 10 Reporter, 10 Owner, 6 personal, 5 others'. */
    private List<Long> projects(long demo, long alice, long bob) {
        List<Long> ids = new ArrayList<>();
        data.addGroupMember(data.createGroup("acme", "Acme Corp", "private").id(), demo, 40);
        data.addGroupMember(data.groupByPath("acme").orElseThrow().id(), alice, 50);
        data.addGroupMember(data.createGroup("design-team", "Design Team", "internal").id(), demo, 20);
        data.addGroupMember(data.createGroup("opensource", "Open Source", "public").id(), demo, 50);
        String[] acme = {"backend", "frontend", "mobile-app", "infrastructure", "billing", "auth-service", "search",
            "analytics", "notifications", "docs", "legacy-portal", "data-pipeline", "api-gateway", "old-cms",
            "prototype-2019"};
        for (int i = 0; i < acme.length; i++) {
            ids.add(project("acme", acme[i], i >= 12, "private", demo));
        }
        for (int i = 1; i <= 10; i++) {
            ids.add(project("design-team", "design-system-" + i, i == 10, "private", demo));
        }
        for (int i = 1; i <= 10; i++) {
            ids.add(project("opensource", "library-" + i, false, "public", demo));
        }
        for (String name : List.of("dotfiles", "blog", "notes", "sandbox", "cv", "advent-of-code")) {
            ids.add(project("demo", name, false, "private", demo));
        }
        for (String name : List.of("alice-tools", "alice-scripts")) {
            long id = project("alice", name, false, "private", alice);
            data.addProjectMember(id, demo, name.endsWith("tools") ? 30 : 10);
        }
        project("alice", "alice-secret", false, "private", alice);
        project("bob", "bob-public-demo", false, "public", bob);
        project("bob", "bob-internal-wiki", false, "internal", bob);
        project("bob", "bob-private", false, "private", bob);
        return ids;
    }

    private long project(String namespace, String path, boolean archived, String visibility, long creator) {
        String name = Character.toUpperCase(path.charAt(0)) + path.substring(1).replace('-', ' ');
        long id = data.createProject(namespace, path, name, visibility, creator).id();
        if (archived) {
            data.archiveProject(id, true);
        }
        return id;
    }

    /** 32 issues over five projects: demo authored 12, demo assigned 12, a third closed. */
    private void issues(List<Long> projects, long demo, long alice, long bob, long carol) {
        long[] authors = {demo, alice, bob, demo, carol, alice, demo, bob};
        for (int i = 0; i < 32; i++) {
            long project = projects.get(i % 5);
            long author = authors[i % authors.length];
            List<Long> assignees = i % 3 == 0 ? List.of(demo) : i % 3 == 1 ? List.of(alice, demo) : List.of(bob);
            List<String> labels = i % 4 == 0 ? List.of("bug") : i % 4 == 1 ? List.of("feature", "backend")
                    : List.of();
            var issue = data.createIssue(project, author, "Issue " + (i + 1) + ": " + TOPICS[i % TOPICS.length],
                    "Steps to reproduce are in the title.", assignees, labels);
            if (i % 3 == 2) {
                data.closeIssue(project, issue.iid());
            }
        }
    }

    /** 26 merge requests: demo authored, assigned and asked to review, in every state. */
    private void mergeRequests(List<Long> projects, long demo, long alice, long bob, long carol) {
        String[] states = {"opened", "merged", "opened", "closed", "merged", "opened", "locked"};
        for (int i = 0; i < 26; i++) {
            long project = projects.get((i * 2) % 7);
            long author = i % 4 == 0 ? demo : i % 4 == 1 ? alice : i % 4 == 2 ? bob : carol;
            List<Long> assignees = i % 3 == 0 ? List.of(demo) : List.of(author);
            List<Long> reviewers = i % 2 == 1 ? List.of(demo) : List.of(alice == author ? bob : alice);
            var mr = data.createMergeRequest(project, author, (i % 5 == 0 ? "Draft: " : "") + "Improve "
                    + TOPICS[i % TOPICS.length], assignees, reviewers, i % 5 == 0);
            String state = states[i % states.length];
            if (!"opened".equals(state)) {
                data.setMergeRequestState(project, mr.iid(), state);
            }
        }
    }

    /** 25 pipelines on acme/backend, a few on four other projects. */
    private void pipelines(List<Long> projects) {
        for (int i = 0; i < 25; i++) {
            String ref = i % 4 == 0 ? "feature-" + (i / 4) : "main";
            data.createPipeline(projects.get(0), ref, PIPELINE_STATUSES[i % PIPELINE_STATUSES.length], "push");
        }
        for (int p = 1; p <= 4; p++) {
            for (int i = 0; i < 3; i++) {
                data.createPipeline(projects.get(p), "main", PIPELINE_STATUSES[(p + i) % PIPELINE_STATUSES.length],
                        i == 2 ? "merge_request_event" : "push");
            }
        }
    }

    /** Each reading is {@code step} later than the previous one, so seeded timestamps spread over weeks. */
    private static final class SteppingClock extends Clock {

        private final AtomicLong millis;
        private final long stepMillis;

        SteppingClock(Instant start, Duration step) {
            this.millis = new AtomicLong(start.toEpochMilli());
            this.stepMillis = step.toMillis();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.getAndAdd(stepMillis));
        }
    }
}
