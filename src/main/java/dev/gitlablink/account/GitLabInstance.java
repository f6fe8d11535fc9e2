package dev.gitlablink.account;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A GitLab server (gitlab.com or self-managed) identified by its normalised base URL. */
@Entity
@Table(name = "gitlab_instance")
public class GitLabInstance {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "base_url", nullable = false, unique = true, length = 2048)
    public String baseUrl;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
