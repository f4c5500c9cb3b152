package dev.llmgw.fake.aws;

import java.util.Map;

/**
 * An object a client stored with a signed PutObject, as {@code GET /fake/s3-objects}
 * lists it.
 *
 * @param bucket the bucket, from the path's first segment
 * @param key the key, decoded
 * @param headers the object's headers a logging callback sets (content type, encryption)
 * by lower-case name
 * @param body the object's bytes, aws-chunked decoded
 */
public record ReceivedObject(String bucket, String key, Map<String, String> headers, byte[] body) {

}
