package io.selfheal.observe.routes;

/**
 * A route file in the external routes directory that could not be loaded; its previous routes (if any) keep running.
 *
 * @param file     the file name inside the routes directory
 * @param error    why it was refused
 * @param failedAt when the last attempt failed, ISO-8601 (kept as text so the API returns it as is)
 */
public record RouteFileError(String file, String error, String failedAt) {
}
