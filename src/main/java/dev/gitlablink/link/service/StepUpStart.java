package dev.gitlablink.link.service;

/** A step-up just started: the instance whose code flow runs, and the scopes (space-separated) it asks for. */
public record StepUpStart(String instance, String scopes) {
}
