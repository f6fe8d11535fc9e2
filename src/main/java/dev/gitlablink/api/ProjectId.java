package dev.gitlablink.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;

/** A GitLab project in a path: its numeric id, or its full path URL-encoded as one segment. */
@Documented
@Pattern(regexp = ParamPatterns.PROJECT_ID)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ElementType.PARAMETER, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
public @interface ProjectId {

    String message() default "must be a numeric id or a full path such as group/project";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
