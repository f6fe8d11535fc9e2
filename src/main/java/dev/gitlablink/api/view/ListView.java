package dev.gitlablink.api.view;

import java.util.List;

/** A page of items and where it sits: the shape of every list under /api. */
public record ListView<T>(List<T> items, PageView page) {
}
