package dev.kiln.api.live;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a streaming method: {@link LiveStreamGate} decides how its stream starts (or answers 404,
 * 422 or 204) before the response begins, since an event stream's status line is sent at once.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface LiveStream {}
