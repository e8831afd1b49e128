package dev.kiln.api.live;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a streaming method whose {@code {id}} must name one of the tenant's jobs: checked by {@link
 * ExistingJobFilter} before the stream starts, since an event stream's status line is sent at once
 * and could not become a 404 later.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ExistingJob {}
