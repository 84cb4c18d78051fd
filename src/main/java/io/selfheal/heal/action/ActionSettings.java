package io.selfheal.heal.action;

import java.util.Map;

/**
 * Where healing actions go and with which credentials ({@code selfheal.actions.*}). A blank URL means the target
 * is not configured; strategies that need it then fail to plan with a message naming the key.
 *
 * @param webhookUrl          base URL of the operations webhook; strategy {@code x} POSTs to {@code <base>/x}
 * @param webhookToken        bearer token sent to the webhook, or null
 * @param webhookTemplates    JSON body template per webhook strategy name (and {@code <name>.undo})
 * @param kubernetesUrl       Kubernetes API server URL
 * @param kubernetesToken     bearer token of a service account allowed to patch deployments, or null
 * @param kubernetesCaFile    PEM file of extra certificate authorities trusted for HTTPS actions (the cluster CA), or null
 * @param kubernetesNamespace namespace used when the incident's labels name none
 * @param scaleOutReplicas    replicas the scale-out strategy sets
 * @param scaleInReplicas     replicas its undo sets back
 * @param pagerDutyUrl        Events API base URL
 * @param pagerDutyRoutingKey integration (routing) key, or null
 * @param slackWebhookUrl     Slack-compatible incoming webhook URL, or null
 * @param kafkaBrokers        Kafka bootstrap servers commands are published to, or null
 * @param kafkaTopic          the topic of commands
 * @param kafkaTemplate       JSON body template of a command
 */
public record ActionSettings(String webhookUrl, String webhookToken, Map<String, String> webhookTemplates,
                             String kubernetesUrl, String kubernetesToken, String kubernetesCaFile, String kubernetesNamespace,
                             int scaleOutReplicas, int scaleInReplicas,
                             String pagerDutyUrl, String pagerDutyRoutingKey, String slackWebhookUrl,
                             String kafkaBrokers, String kafkaTopic, String kafkaTemplate) {
    public ActionSettings {
        webhookTemplates = Map.copyOf(webhookTemplates);
    }

    public String template(String key) {
        String template = webhookTemplates.get(key);
        if (template == null) {
            throw new IllegalStateException("no body template for " + key + " (selfheal.actions.webhook.template." + key + ")");
        }
        return template;
    }

    @Override
    public String toString() {
        return "ActionSettings[webhook=" + webhookUrl + ", kubernetes=" + kubernetesUrl + ", namespace=" + kubernetesNamespace
                 + ", pagerDuty=" + pagerDutyUrl + ", kafka=" + kafkaBrokers + "/" + kafkaTopic + ", slack=" + (slackWebhookUrl == null ? null : SecretMasker.maskUrl(slackWebhookUrl))
                + ", credentials masked]";
    }
}
