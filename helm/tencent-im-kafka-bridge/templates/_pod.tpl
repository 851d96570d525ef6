{{/* Pod template shared by the Deployment and the StatefulSet. */}}
{{- define "bridge.podTemplate" -}}
{{- $v := .Values -}}
metadata:
  labels:
    {{- include "bridge.labels" . | nindent 4 }}
    {{- with $v.podLabels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  annotations:
    # Changed settings or chart-managed secrets roll the pods; an existingSecret or a TLS Secret (Kafka,
    # schema registry) is not known to the chart, so rotate those with `kubectl rollout restart`.
    checksum/config: {{ include (print $.Template.BasePath "/configmap.yaml") . | sha256sum }}
    {{- if not $v.secrets.existingSecret }}
    checksum/secret: {{ include (print $.Template.BasePath "/secret.yaml") . | sha256sum }}
    {{- end }}
    {{- with $v.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  serviceAccountName: {{ include "bridge.serviceAccountName" . }}
  automountServiceAccountToken: false
  enableServiceLinks: false
  {{- with $v.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $v.priorityClassName }}
  priorityClassName: {{ . }}
  {{- end }}
  terminationGracePeriodSeconds: {{ $v.terminationGracePeriodSeconds }}
  securityContext:
    {{- toYaml $v.podSecurityContext | nindent 4 }}
  containers:
    - name: bridge
      image: {{ include "bridge.image" . | quote }}
      imagePullPolicy: {{ $v.image.pullPolicy }}
      securityContext:
        {{- toYaml $v.securityContext | nindent 8 }}
      ports:
        - name: http
          containerPort: {{ $v.bridge.http.port }}
          protocol: TCP
      envFrom:
        - configMapRef:
            name: {{ include "bridge.fullname" . }}
      {{- $secret := include "bridge.secretName" . }}
      {{- $keys := $v.secrets.keys }}
      {{- $registryPassword := and $v.bridge.schemaRegistry.username (or $v.secrets.existingSecret $v.secrets.schemaRegistryPassword) }}
      {{- if or (eq $v.bridge.tencent.auth "enabled") $v.bridge.kafka.sasl.mechanism $registryPassword $v.extraEnv }}
      env:
        {{- if eq $v.bridge.tencent.auth "enabled" }}
        - name: BRIDGE_TENCENT_TOKEN
          valueFrom:
            secretKeyRef:
              name: {{ $secret }}
              key: {{ $keys.tencentToken }}
        {{- end }}
        {{- if $v.bridge.kafka.sasl.mechanism }}
        - name: BRIDGE_KAFKA_SASL_PASSWORD
          valueFrom:
            secretKeyRef:
              name: {{ $secret }}
              key: {{ $keys.kafkaSaslPassword }}
        {{- end }}
        {{- if $registryPassword }}
        - name: BRIDGE_SCHEMA_REGISTRY_PASSWORD
          valueFrom:
            secretKeyRef:
              name: {{ $secret }}
              key: {{ $keys.schemaRegistryPassword }}
        {{- end }}
        {{- with $v.extraEnv }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- end }}
      startupProbe:
        httpGet:
          path: {{ $v.probes.startup.path }}
          port: http
        periodSeconds: {{ $v.probes.startup.periodSeconds }}
        timeoutSeconds: {{ $v.probes.startup.timeoutSeconds }}
        failureThreshold: {{ $v.probes.startup.failureThreshold }}
      livenessProbe:
        httpGet:
          path: {{ $v.probes.liveness.path }}
          port: http
        periodSeconds: {{ $v.probes.liveness.periodSeconds }}
        timeoutSeconds: {{ $v.probes.liveness.timeoutSeconds }}
        failureThreshold: {{ $v.probes.liveness.failureThreshold }}
      readinessProbe:
        httpGet:
          path: {{ $v.probes.readiness.path }}
          port: http
        periodSeconds: {{ $v.probes.readiness.periodSeconds }}
        timeoutSeconds: {{ $v.probes.readiness.timeoutSeconds }}
        failureThreshold: {{ $v.probes.readiness.failureThreshold }}
      {{- if gt (int $v.preStopSleepSeconds) 0 }}
      lifecycle:
        # Native sleep action (Kubernetes >= 1.30): the image has no shell for an exec hook.
        preStop:
          sleep:
            seconds: {{ $v.preStopSleepSeconds }}
      {{- end }}
      resources:
        {{- toYaml $v.resources | nindent 8 }}
      volumeMounts:
        - name: tmp
          mountPath: /tmp
        {{- if $v.spool.enabled }}
        - name: spool
          mountPath: /var/lib/tencent-im-kafka-bridge/spool
        {{- end }}
        {{- if and $v.bridge.kafka.tls.enabled $v.bridge.kafka.tls.secretName }}
        - name: kafka-tls
          mountPath: /etc/tencent-im-kafka-bridge/kafka-tls
          readOnly: true
        {{- end }}
        {{- if $v.bridge.schemaRegistry.tls.secretName }}
        - name: registry-tls
          mountPath: /etc/tencent-im-kafka-bridge/registry-tls
          readOnly: true
        {{- end }}
  volumes:
    - name: tmp
      emptyDir:
        sizeLimit: {{ $v.tmpSizeLimit }}
    {{- if and $v.spool.enabled (not $v.spool.persistence.enabled) }}
    - name: spool
      emptyDir:
        sizeLimit: {{ $v.spool.sizeLimit }}
    {{- end }}
    {{- if and $v.bridge.kafka.tls.enabled $v.bridge.kafka.tls.secretName }}
    - name: kafka-tls
      secret:
        secretName: {{ $v.bridge.kafka.tls.secretName }}
        defaultMode: 0440
    {{- end }}
    {{- with $v.bridge.schemaRegistry.tls.secretName }}
    - name: registry-tls
      secret:
        secretName: {{ . }}
        defaultMode: 0440
    {{- end }}
  {{- with $v.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $v.affinity }}
  affinity:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $v.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $v.topologySpreadConstraints }}
  topologySpreadConstraints:
    {{- range . }}
    {{- $constraint := . }}
    {{- if not .labelSelector }}
    {{- $constraint = merge (dict "labelSelector" (dict "matchLabels" (include "bridge.selectorLabels" $ | fromYaml))) . }}
    {{- end }}
    - {{- toYaml $constraint | nindent 6 }}
    {{- end }}
  {{- end }}
{{- end }}
