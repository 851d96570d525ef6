{{/* Chart name, 63 characters at most (a DNS label). */}}
{{- define "bridge.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Resource name prefix: <release>-<chart>, or the release name when it already contains the chart name. */}}
{{- define "bridge.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "bridge.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Selector labels are immutable on a Deployment/StatefulSet: never add to them. The component label
keeps the helm test pod out of the Service. */}}
{{- define "bridge.selectorLabels" -}}
app.kubernetes.io/name: {{ include "bridge.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: bridge
{{- end }}

{{- define "bridge.baseLabels" -}}
helm.sh/chart: {{ include "bridge.chart" . }}
app.kubernetes.io/name: {{ include "bridge.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: tencent-im-kafka-bridge
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{- define "bridge.labels" -}}
{{ include "bridge.baseLabels" . }}
app.kubernetes.io/component: bridge
{{- end }}

{{/* metadata.annotations block (indented for metadata), nothing when there are none. */}}
{{- define "bridge.annotations" -}}
{{- $all := merge (dict) (.extra | default dict) (.root.Values.commonAnnotations | default dict) }}
{{- with $all }}{{ printf "\n  annotations:%s" (toYaml . | nindent 4) }}{{ end }}
{{- end }}

{{- define "bridge.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "bridge.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "bridge.secretName" -}}
{{- default (include "bridge.fullname" .) .Values.secrets.existingSecret }}
{{- end }}

{{- define "bridge.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/* StatefulSet when each pod needs its own persistent spool volume, Deployment otherwise. */}}
{{- define "bridge.workloadKind" -}}
{{- if and .Values.spool.enabled .Values.spool.persistence.enabled }}StatefulSet{{ else }}Deployment{{ end }}
{{- end }}

{{/* Pods the workload runs at least: decides whether a PodDisruptionBudget makes sense. */}}
{{- define "bridge.minReplicas" -}}
{{- if .Values.autoscaling.enabled }}{{ .Values.autoscaling.minReplicas }}{{ else }}{{ .Values.replicaCount }}{{ end }}
{{- end }}

{{/* Comma list of SdkAppids: integers are printed whole (YAML numbers arrive as float64). */}}
{{- define "bridge.sdkAppIds" -}}
{{- $ids := list }}
{{- range .Values.bridge.tencent.sdkAppIds }}
{{- if kindIs "string" . }}{{ $ids = append $ids . }}{{ else }}{{ $ids = append $ids (printf "%d" (int64 .)) }}{{ end }}
{{- end }}
{{- join "," $ids }}
{{- end }}

{{/* Port of the schema registry URL: explicit, or the scheme's default. */}}
{{- define "bridge.schemaRegistryPort" -}}
{{- $url := urlParse .Values.bridge.schemaRegistry.url }}
{{- $hostport := splitList ":" $url.host }}
{{- if gt (len $hostport) 1 }}{{ last $hostport }}{{ else if eq $url.scheme "https" }}443{{ else }}80{{ end }}
{{- end }}

{{/* Settings that would make the bridge refuse to start, reported at install time instead. */}}
{{- define "bridge.validate" -}}
{{- $v := .Values }}
{{- if not $v.bridge.kafka.brokers }}
{{- fail "bridge.kafka.brokers: at least one broker (host:port) is required" }}
{{- end }}
{{- if eq $v.bridge.tencent.auth "enabled" }}
{{- if not $v.bridge.tencent.sdkAppIds }}
{{- fail "bridge.tencent.sdkAppIds: required while bridge.tencent.auth is enabled" }}
{{- end }}
{{- if and (not $v.secrets.existingSecret) (not $v.secrets.tencentToken) }}
{{- fail "secrets.tencentToken (or secrets.existingSecret): required while bridge.tencent.auth is enabled" }}
{{- end }}
{{- end }}
{{- if and $v.bridge.kafka.sasl.mechanism (not $v.bridge.kafka.sasl.username) }}
{{- fail "bridge.kafka.sasl.username: required when bridge.kafka.sasl.mechanism is set" }}
{{- end }}
{{- if and $v.bridge.kafka.sasl.mechanism (not $v.secrets.existingSecret) (not $v.secrets.kafkaSaslPassword) }}
{{- fail "secrets.kafkaSaslPassword (or secrets.existingSecret): required when bridge.kafka.sasl.mechanism is set" }}
{{- end }}
{{- if and (eq $v.bridge.eventFraming "confluent") (not $v.bridge.schemaRegistry.url) }}
{{- fail "bridge.schemaRegistry.url: required when bridge.eventFraming is confluent" }}
{{- end }}
{{- if and $v.bridge.schemaRegistry.tls.secretName (not (hasPrefix "https://" $v.bridge.schemaRegistry.url)) }}
{{- fail "bridge.schemaRegistry.tls.secretName: only used with an https:// bridge.schemaRegistry.url" }}
{{- end }}
{{- $k := $v.bridge.kafka }}
{{- if or (eq $k.dlqTopic $k.topic) (eq $k.dlqTopic $k.appTopic) }}
{{- fail "bridge.kafka.dlqTopic: must differ from bridge.kafka.topic and bridge.kafka.appTopic" }}
{{- end }}
{{- range $k.routes }}
{{- if hasSuffix (printf "=%s" $k.dlqTopic) . }}
{{- fail (printf "bridge.kafka.routes: %s routes events to the dead-letter topic (bridge.kafka.dlqTopic)" .) }}
{{- end }}
{{- end }}
{{- $tls := $v.bridge.kafka.tls }}
{{- if and (or $tls.caKey $tls.certKey $tls.keyKey) (not $tls.secretName) }}
{{- fail "bridge.kafka.tls.secretName: required when caKey, certKey or keyKey is set" }}
{{- end }}
{{- if ne (empty $tls.certKey) (empty $tls.keyKey) }}
{{- fail "bridge.kafka.tls.certKey and keyKey: set both (mutual TLS) or neither" }}
{{- end }}
{{- $drainSeconds := add $v.preStopSleepSeconds (div (add $v.bridge.shutdown.delayMs $v.bridge.shutdown.timeoutMs 999) 1000) }}
{{- if le (int $v.terminationGracePeriodSeconds) (int $drainSeconds) }}
{{- fail (printf "terminationGracePeriodSeconds (%d) must exceed preStopSleepSeconds + bridge.shutdown.delayMs + timeoutMs (%d s), or Kubernetes kills the bridge mid-drain" (int $v.terminationGracePeriodSeconds) (int $drainSeconds)) }}
{{- end }}
{{- end }}
